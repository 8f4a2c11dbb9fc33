// The conversation this tab is in, kept so a reload (or a tab opened from this one, which gets a
// copy of its sessionStorage) carries on with it instead of starting afresh.
// sessionStorage rather than localStorage: questions are health data, and this ends with the
// browser session; the token in it expires by itself (30 minutes unless refreshed).
//
// The full page keeps it in its own sessionStorage. Inside the widget's iframe that would not last:
// the iframe is on the bot's site, not the host page's, and Chromium does not keep a cross-site
// iframe's sessionStorage across the host page's reload. There embed.js keeps the conversation in
// the host page's sessionStorage instead, through widget.js (keepIn below), and the chat waits for
// the host page to hand the saved one over (whenReady) before it connects.
(function () {
  'use strict';

  var KEY = 'microneedling-chat/conversation';

  /** This document's own sessionStorage; each call may throw when storage is disabled. */
  var ownStorage = {
    read: function () { return window.sessionStorage.getItem(KEY); },
    write: function (text) { window.sessionStorage.setItem(KEY, text); },
    remove: function () { window.sessionStorage.removeItem(KEY); }
  };

  var store = ownStorage;
  var ready = Promise.resolve();

  function load() {
    try {
      var saved = JSON.parse(store.read() || 'null');
      if (!saved || typeof saved.token !== 'string' || typeof saved.conversationId !== 'string') return null;
      if (typeof saved.domain !== 'string') return null;
      if (typeof saved.expiresAt !== 'number' || saved.expiresAt <= Date.now()) return null;
      return saved;
    } catch (error) {
      // Storage can be disabled or full, or hold something unreadable; the chat then works as
      // before, just without resuming.
      return null;
    }
  }

  function save(conversation) {
    try {
      store.write(JSON.stringify({
        token: conversation.token,
        conversationId: conversation.conversationId,
        domain: conversation.domain,
        expiresAt: conversation.expiresAt,
        watermark: conversation.watermark || ''
      }));
    } catch (error) { /* see load(): resuming is a convenience, never a reason to fail */ }
  }

  function clear() {
    try { store.remove(); } catch (error) { /* as in save() */ }
  }

  /**
   * Keeps the conversation in another store ({ read, write, remove } of its JSON text) from now on,
   * and lets the chat connect only once handedOver has settled (it holds the saved text by then).
   */
  function keepIn(otherStore, handedOver) {
    store = otherStore;
    ready = handedOver;
  }

  window.MicroneedlingChat = window.MicroneedlingChat || {};
  window.MicroneedlingChat.session = {
    load: load,
    save: save,
    clear: clear,
    keepIn: keepIn,
    whenReady: function () { return ready; }
  };
})();
