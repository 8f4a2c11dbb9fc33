// The Direct Line calls the page makes itself before Web Chat takes over: the page token, starting
// or reconnecting to the conversation, and refreshing the token. Web Chat's own client treats a
// refused start as "failed to connect" with no reason, so the page makes these calls and can say
// why (busy with Retry-After, server trouble, offline, an ended conversation) and what to do next.
// Web Chat then gets token + conversationId + streamUrl and opens the stream without asking again.
(function () {
  'use strict';

  var DEFAULT_RETRY_SECONDS = 30;

  /** A refused or failed call: kind is 'busy' (429), 'server' (5xx or other refusals), 'offline' or 'ended'. */
  function ConnectionProblem(kind, retryAfterSeconds, status) {
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
    this.status = status;
  }

  // Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3).
  function retryAfter(response) {
    var value = response.headers.get('Retry-After');
    if (!value) return DEFAULT_RETRY_SECONDS;
    var seconds = Number(value);
    if (!isNaN(seconds)) return Math.max(1, Math.ceil(seconds));
    var date = Date.parse(value);
    return isNaN(date) ? DEFAULT_RETRY_SECONDS : Math.max(1, Math.ceil((date - Date.now()) / 1000));
  }

  function call(method, url, token, body) {
    var headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (method === 'POST') headers['Content-Type'] = 'application/json';
    return fetch(url, { method: method, headers: headers, body: method === 'POST' ? JSON.stringify(body || {}) : undefined })
      .catch(function () {
        // fetch rejects only when no answer came at all: the network is down or the host unreachable.
        throw new ConnectionProblem('offline', DEFAULT_RETRY_SECONDS, 0);
      })
      .then(function (response) {
        if (response.ok) return response.json();
        if (response.status === 429) throw new ConnectionProblem('busy', retryAfter(response), 429);
        // A conversation that expired, or a token that did: carrying on is impossible, a new one is not.
        if (token && (response.status === 403 || response.status === 404)) throw new ConnectionProblem('ended', 0, response.status);
        throw new ConnectionProblem('server', DEFAULT_RETRY_SECONDS, response.status);
      });
  }

  function conversationFrom(answer, domain, previous) {
    return {
      token: answer.token || previous.token,
      conversationId: answer.conversationId || previous.conversationId,
      domain: domain,
      streamUrl: answer.streamUrl || previous.streamUrl,
      expiresAt: Date.now() + (answer.expires_in || 1800) * 1000,
      watermark: previous.watermark || ''
    };
  }

  /** A new conversation: a page token, then the start (which is where the per-address quota applies). */
  function startNew(locale) {
    return call('POST', '/api/directline/token').then(function (page) {
      var domain = page.domain || window.location.origin + '/v3/directline';
      // The locale goes with the start, as Web Chat's client would send it: the greeting uses it.
      return call('POST', domain + '/conversations', page.token, { locale: locale }).then(function (started) {
        return conversationFrom(started, domain, page);
      });
    });
  }

  /**
   * The saved conversation again, from its first activity: after a reload the page is empty, so the
   * whole transcript is wanted, not only what came after the saved watermark (Web Chat's client
   * reconnects from its watermark by itself when the stream drops while the page stays open).
   */
  function resume(saved) {
    var fresh = saved.expiresAt - Date.now() < 10 * 60 * 1000 ? refresh(saved) : Promise.resolve(saved);
    return fresh.then(function (current) {
      return call('GET', current.domain + '/conversations/' + encodeURIComponent(current.conversationId), current.token)
        .then(function (answer) { return conversationFrom(answer, current.domain, current); });
    });
  }

  /** A new token for the same conversation (the old one keeps working until it expires). */
  function refresh(conversation) {
    return call('POST', conversation.domain + '/tokens/refresh', conversation.token).then(function (answer) {
      return conversationFrom(answer, conversation.domain, conversation);
    });
  }

  window.MicroneedlingChat = window.MicroneedlingChat || {};
  window.MicroneedlingChat.connection = {
    startNew: startNew,
    resume: resume,
    refresh: refresh,
    ConnectionProblem: ConnectionProblem
  };
})();
