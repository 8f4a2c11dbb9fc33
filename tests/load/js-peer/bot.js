'use strict';
// The bot, written the way the Bot Framework JS SDK's own samples are: an ActivityHandler whose
// onMessage answers, with conversation state read and saved on every turn. The answer is that of the
// claim nearest the message; one message activity per turn.
const { ActivityHandler, MessageFactory } = require('botbuilder');
const { nearest } = require('./claims');

class FactCheckBot extends ActivityHandler {
  constructor(conversationState, embedder, index) {
    super();
    this.conversationState = conversationState;
    // A turn counter per conversation: trivial, but it makes every turn read the state and write it
    // back, as the team's host does with its dialog state.
    this.turns = conversationState.createProperty('turns');

    this.onMessage(async (context, next) => {
      const count = (await this.turns.get(context, 0)) + 1;
      await this.turns.set(context, count);

      const text = (context.activity.text || '').trim();
      const reply = text ? await this.answer(text, embedder, index) : MessageFactory.text('Ask me about a microneedling claim.');
      await context.sendActivity(reply);
      await next();
    });
  }

  async answer(text, embedder, index) {
    const vector = await embedder.embed(text); // once per message
    const hit = nearest(index.matrix, index.owner, index.dim, vector);
    const claim = index.claims[hit.claim];
    const reply = MessageFactory.text(claim.answer);
    // Which claim answered, as a ClaimReview entity: expect-replies.lua counts replies whose body
    // says "ClaimReview" as checked answers, so the peer's runs print a meaningful count too. The
    // peer answers every message with its nearest claim (no threshold, no triage).
    reply.entities = [{
      type: 'https://schema.org/ClaimReview',
      claimId: claim.id,
      claimReviewed: claim.claim,
      verdict: claim.verdict,
      score: Math.round(hit.score * 1000) / 1000,
    }];
    return reply;
  }

  // Saving after the handlers ran, on every turn (the SDK's samples do it here too): the state the
  // handlers changed goes back to storage before the HTTP reply.
  async run(context) {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}

module.exports = { FactCheckBot };
