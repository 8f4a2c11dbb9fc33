// Shared by the real-client scripts: botframework-directlinejs (the client Web Chat uses) in Node,
// which needs the browser's XMLHttpRequest and WebSocket, and a wait for the activities a test needs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
globalThis.XMLHttpRequest = require('xhr2');
globalThis.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

export { DirectLine, ConnectionStatus };

/** Resolves with every activity seen once `done(activities)` is true; rejects after `ms`. */
export function collect(directLine, done, ms) {
  return new Promise((resolve, reject) => {
    const seen = [];
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`timed out after ${ms} ms; saw ${JSON.stringify(seen.map(summary))}`));
    }, ms);
    const subscription = directLine.activity$.subscribe({
      next: (activity) => {
        seen.push(activity);
        if (done(seen)) {
          clearTimeout(timer);
          subscription.unsubscribe();
          resolve(seen);
        }
      },
      error: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
  });
}

/** Posts one message and resolves with the id the service gave it. */
export function say(directLine, text, from) {
  return new Promise((resolve, reject) => {
    directLine.postActivity({ type: 'message', text, from, channelData: { clientActivityID: 'c-' + Date.now() } })
      .subscribe({ next: resolve, error: reject });
  });
}

export const claimReviewOf = (activity) =>
  (activity.entities || []).find((e) => e && e['@type'] === 'ClaimReview' && e.type === 'https://schema.org/ClaimReview');

export const summary = (a) => ({ type: a.type, from: a.from && a.from.id, text: a.text, claim: (claimReviewOf(a) || {}).identifier });

/** Prints the result as one JSON line and ends the process (the clients keep timers running). */
export function finish(result, ok) {
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(ok ? 0 : 1);
}
