// offline-directline (npm) acting as the channel in front of the bot: it posts each activity to the
// bot's /api/messages with its own serviceUrl, and takes the bot's replies on its Connector API
// (POST /v3/conversations/{id}/activities/{replyToId}, answered 200 with an empty body). A
// botframework-directlinejs client talks to offline-directline, as Web Chat would.
// usage: node offline-directline-channel.mjs http://127.0.0.1:PORT/api/messages "question"
import { createRequire } from 'node:module';
import { DirectLine, collect, say, claimReviewOf, summary, finish } from './directline-client.mjs';

const require = createRequire(import.meta.url);
const express = require('express');
const { getRouter } = require('offline-directline');

const [botUrl, question] = process.argv.slice(2);
const app = express();
const server = app.listen(0, '127.0.0.1', async () => {
  const serviceUrl = `http://127.0.0.1:${server.address().port}`;
  app.use(getRouter(serviceUrl, botUrl));
  try {
    const directLine = new DirectLine({ secret: 'offline', domain: `${serviceUrl}/directline`, webSocket: false, pollingInterval: 250 });
    const replies = collect(directLine, (seen) => seen.some((a) => claimReviewOf(a)), 30000);
    await say(directLine, question, { id: 'user-1', name: 'User' });
    const seen = await replies;
    const answer = seen.find((a) => claimReviewOf(a));
    finish({ ok: true, serviceUrl, claim: claimReviewOf(answer).identifier, activities: seen.map(summary) }, true);
  } catch (error) {
    finish({ ok: false, error: String(error && error.message || error) }, false);
  }
});
