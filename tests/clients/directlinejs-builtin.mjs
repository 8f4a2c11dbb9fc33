// botframework-directlinejs against the host's built-in Direct Line, as Web Chat uses it: a token
// from the page's endpoint, then polling or the WebSocket stream. Passes when the user's own message
// comes back (the echo Web Chat needs to mark a message sent) and an answer with a ClaimReview arrives.
// usage: node directlinejs-builtin.mjs http://127.0.0.1:PORT polling|websocket "question"
import { DirectLine, collect, say, claimReviewOf, summary, finish } from './directline-client.mjs';

const [origin, mode, question] = process.argv.slice(2);
try {
  const response = await fetch(`${origin}/api/directline/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const { token } = await response.json();
  const directLine = new DirectLine({ token, domain: `${origin}/v3/directline`, webSocket: mode === 'websocket', pollingInterval: 250 });
  const isEcho = (a) => a.type === 'message' && a.text === question && a.from && a.from.role === 'user';
  const replies = collect(directLine, (seen) => seen.some(isEcho) && seen.some((a) => claimReviewOf(a)), 30000);
  const id = await say(directLine, question, { id: 'ignored-the-token-names-the-user', name: 'User' });
  const seen = await replies;
  const echo = seen.find(isEcho);
  const answer = seen.find((a) => claimReviewOf(a));
  const ok = echo.id === id && Boolean(echo.timestamp) && answer.replyToId === id && answer.from.role === 'bot';
  finish({ ok, mode, id, echo: summary(echo), claim: claimReviewOf(answer).identifier, replyToId: answer.replyToId, activities: seen.map(summary) }, ok);
} catch (error) {
  finish({ ok: false, mode, error: String(error && error.message || error) }, false);
}
