// The scale-out bar with botframework-directlinejs (the client Web Chat uses) through a round-robin
// balancer in front of several bot instances: conversations by polling and by WebSocket, each asking
// questions whose answers must carry a ClaimReview, and "did you mean" prompts answered by a pick.
//
// It runs in steps the test drives, so the test can act on the deployment between them:
//   1. did-you-mean: DYM conversations (WebSocket) one at a time, each asking an ambiguous question
//      and then picking "2", with nothing else in flight, so a round-robin balancer sends the pick to
//      the instance after the one that asked (the test checks that in the balancer's log);
//   2. the other conversations open (half polling, half WebSocket) and all of them ask a question;
//   then it prints {"step":"asked",...} and waits for one line on stdin (the test kills an instance);
//   3. every conversation asks again on the same connection object: streams cut by the kill must
//      reconnect on their own, as they would in a browser.
// The last line is the result: {"ok":...,"conversations":[{id, mode, claims}], "picks":[...]}.
//
// usage: node scaleout-bar.mjs http://127.0.0.1:PORT CONVERSATIONS DYM
import { createInterface } from 'node:readline';
import { DirectLine, collect, say, claimReviewOf, summary, finish } from './directline-client.mjs';

const [origin, total = '18', dymCount = '6'] = process.argv.slice(2);
const first = ['is home rolling 3-5 times a week safe?', 'do 3 mm needles only reach the top layer of skin?'];
const second = ['can a derma roller remove acne scars completely?', 'do I need numbing cream before rolling at home?'];
const ambiguous = 'microneedling results';
const timeoutMs = 45000;

const isAnswerTo = (id) => (a) => a.replyToId === id && a.from && a.from.role === 'bot';

async function open(mode) {
  const response = await fetch(`${origin}/api/directline/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const { token, conversationId } = await response.json();
  const directLine = new DirectLine({ token, domain: `${origin}/v3/directline`, webSocket: mode === 'websocket', pollingInterval: 500 });
  const conversation = { directLine, mode, id: conversationId, claims: [], seen: [] };
  directLine.activity$.subscribe((a) => {
    conversation.seen.push(a);
    conversation.id = conversation.id || a.conversation?.id;
  });
  return conversation;
}

/** Says `text` and resolves with the bot's replies to it once `done(replies)` holds. */
async function ask(conversation, text, done) {
  const from = { id: 'ignored-the-token-names-the-user', name: 'User' };
  let id;
  const waiting = collect(conversation.directLine, () => id && done(conversation.seen.filter(isAnswerTo(id))), timeoutMs);
  id = await say(conversation.directLine, text, from);
  // The answer may already have arrived while the post was in flight.
  if (!done(conversation.seen.filter(isAnswerTo(id)))) await waiting;
  conversation.id = conversation.id || id.split('|')[0];
  return conversation.seen.filter(isAnswerTo(id));
}

async function askForClaim(conversation, text) {
  const replies = await ask(conversation, text, (r) => r.some(claimReviewOf));
  conversation.claims.push(claimReviewOf(replies.find(claimReviewOf)).identifier);
}

function waitForLine() {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', (line) => { lines.close(); resolve(line); });
  });
}

const conversations = [];
const picks = [];
try {
  // 1. Did-you-mean, one conversation at a time.
  for (let i = 0; i < Number(dymCount); i++) {
    const conversation = await open('websocket');
    conversations.push(conversation);
    const prompt = await ask(conversation, ambiguous, (r) => r.some((a) => a.inputHint === 'expectingInput'));
    if (prompt.some(claimReviewOf)) throw new Error(`"${ambiguous}" was answered at once, not asked back`);
    const answer = await ask(conversation, '2', (r) => r.some(claimReviewOf));
    const claim = claimReviewOf(answer.find(claimReviewOf)).identifier;
    conversation.claims.push(claim);
    picks.push({ id: conversation.id, claim });
  }

  // 2. The rest open; everyone asks.
  for (let i = conversations.length; i < Number(total); i++) conversations.push(await open(i % 2 ? 'polling' : 'websocket'));
  await Promise.all(conversations.map((c, i) => askForClaim(c, first[i % first.length])));
  process.stdout.write(JSON.stringify({ step: 'asked', conversations: conversations.map((c) => ({ id: c.id, mode: c.mode })) }) + '\n');
  await waitForLine();

  // 3. Everyone asks again, after the test has acted on the deployment.
  await Promise.all(conversations.map((c, i) => askForClaim(c, second[i % second.length])));
  const ok = conversations.every((c) => c.claims.length === (picks.some((p) => p.id === c.id) ? 3 : 2));
  finish({ ok, conversations: conversations.map(({ id, mode, claims }) => ({ id, mode, claims })), picks }, ok);
} catch (error) {
  finish({
    ok: false,
    error: String((error && error.message) || error),
    conversations: conversations.map(({ id, mode, claims, seen }) => ({ id, mode, claims, seen: seen.map(summary) })),
    picks,
  }, false);
}
