// The conversation this tab is in, kept in sessionStorage so a reload (or a tab opened from this
// one, which gets a copy of its sessionStorage) carries on with it instead of starting afresh.
// sessionStorage rather than localStorage: questions are health data, and this ends with the
// browser session; the token in it expires by itself (30 minutes unless refreshed).
(function () {
  'use strict';

  var KEY = 'microneedling-chat/conversation';

  function load() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(KEY) || 'null');
      if (!saved || typeof saved.token !== 'string' || typeof saved.conversationId !== 'string') return null;
      if (typeof saved.expiresAt !== 'number' || saved.expiresAt <= Date.now()) return null;
      return saved;
    } catch (error) {
      // Storage can be disabled or full; the chat then works as before, just without resuming.
      return null;
    }
  }

  function save(conversation) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({
        token: conversation.token,
        conversationId: conversation.conversationId,
        domain: conversation.domain,
        expiresAt: conversation.expiresAt,
        watermark: conversation.watermark || ''
      }));
    } catch (error) { /* see load(): resuming is a convenience, never a reason to fail */ }
  }

  function clear() {
    try { window.sessionStorage.removeItem(KEY); } catch (error) { /* as in save() */ }
  }

  window.MicroneedlingChat = window.MicroneedlingChat || {};
  window.MicroneedlingChat.session = { load: load, save: save, clear: clear };
})();
