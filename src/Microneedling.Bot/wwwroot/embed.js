// The embed page's side of the conversation with widget.js on the host page:
// - Escape inside the chat asks the host to close the panel (key events do not cross the iframe),
//   and the host asks this page to put focus in the send box when the panel opens.
// - The conversation (token, id, watermark) is kept in the host page's sessionStorage, not this
//   frame's: this frame is on the bot's site, and Chromium does not keep a cross-site iframe's
//   sessionStorage across the host page's reload. On start this page asks the host for the saved
//   conversation ("ready" -> "conversation") and sends every change back ("save-conversation",
//   "clear-conversation"); chat.js connects once the handover is done (chat-session.js).
//
// The host's origin comes in the URL (?parent=, set by widget.js). Messages go to that origin only
// (postMessage's targetOrigin: the browser drops them if the parent is another origin), and only
// messages from window.parent with that origin are read, so neither another frame on the host page
// nor a page that frames this one under a false ?parent= can read or plant a conversation.
(function () {
  'use strict';

  var SOURCE = 'microneedling-chat';
  // widget.js answers at once; past this the chat starts without a saved conversation rather
  // than wait on a host page that never answers (a page that frames embed.html by itself).
  var HANDOVER_TIMEOUT_MS = 3000;

  var chat = window.MicroneedlingChat;
  var parentOrigin = trustedParentOrigin(new URLSearchParams(window.location.search).get('parent'));
  var receiveHandover = null;

  /** The ?parent= origin if it is one and, where the browser says who the parent is, it agrees. */
  function trustedParentOrigin(value) {
    if (!value || window.parent === window) return null;
    var origin;
    try { origin = new URL(value).origin; } catch (error) { return null; }
    if (origin !== value || origin === 'null') return null;
    // Chromium and Safari tell a frame its ancestors' origins; the claimed one must be the parent's.
    // ("null" is what a host page's no-referrer policy may leave: unknown, not a mismatch. The
    // targetOrigin of every message still keeps the conversation from any other origin.)
    var ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length > 0 && ancestors[0] !== 'null' && ancestors[0] !== origin) return null;
    return origin;
  }

  function postToHost(message) {
    message.source = SOURCE;
    window.parent.postMessage(message, parentOrigin);
  }

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || event.data.source !== SOURCE) return;
    if (parentOrigin && event.origin !== parentOrigin) return;
    var type = event.data.type;
    if (type === 'focus') focusSendBox(0);
    // Shift+Tab came round from the panel's close button: the chat's last control is the send button.
    else if (type === 'focus-last') focusLast();
    // Only the first handover counts: the chat has connected with it.
    else if (type === 'conversation' && receiveHandover) receiveHandover(event.data.state);
  });

  window.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || event.defaultPrevented || window.parent === window) return;
    // Without a known host origin the message still goes: it carries no data, any origin may read it.
    window.parent.postMessage({ source: SOURCE, type: 'close' }, parentOrigin || '*');
  });

  if (parentOrigin) keepConversationInHostPage();

  function keepConversationInHostPage() {
    var savedText = null;
    var handedOver = new Promise(function (resolve) {
      var timer = setTimeout(done, HANDOVER_TIMEOUT_MS);
      function done() {
        clearTimeout(timer);
        receiveHandover = null;
        resolve();
      }
      receiveHandover = function (state) {
        // The text is checked as any saved conversation is, by chat-session.js's load().
        if (typeof state === 'string') savedText = state;
        done();
      };
    });
    chat.session.keepIn({
      read: function () { return savedText; },
      write: function (text) {
        savedText = text;
        postToHost({ type: 'save-conversation', state: text });
      },
      remove: function () {
        savedText = null;
        postToHost({ type: 'clear-conversation' });
      }
    }, handedOver);
    postToHost({ type: 'ready' });
  }

  function focusLast() {
    var controls = document.querySelectorAll('button:not([disabled]), textarea, input:not([type="hidden"]), a[href]');
    var last = controls[controls.length - 1];
    if (last) last.focus(); else focusSendBox(0);
  }

  // Web Chat renders after the token arrives: retry briefly until the send box exists.
  function focusSendBox(attempt) {
    var input = document.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) input.focus();
    else if (attempt < 50) setTimeout(function () { focusSendBox(attempt + 1); }, 100);
  }
})();
