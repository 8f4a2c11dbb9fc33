// Starts Web Chat in every [data-webchat] element against this bot's own Direct Line (or the Azure
// service, when the token answer names its "domain"), with a "Start a new conversation" button and
// a notice that says what is wrong when the chat cannot connect. The conversation is resumed after a
// reload (chat-session.js; in the widget the host page keeps it, embed.js); the page makes the start
// and reconnect calls itself (chat-connection.js) so a refusal can be explained. Options come from
// the query string, which is how widget.js passes its data- attributes to embed.html:
// ?locale=en-GB&color=%23225588.
(function () {
  'use strict';

  var DEFAULT_ACCENT = '#2f6f62';
  var DEFAULT_LOCALE = 'en-US';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  var params = new URLSearchParams(window.location.search);

  function accentColour() {
    var value = params.get('color') || params.get('colour');
    return value && window.CSS && CSS.supports('color', value) ? value : DEFAULT_ACCENT;
  }

  // Text on the accent colour (the user's bubbles) must stay readable whatever colour a site picks.
  function textColourOn(colour) {
    var probe = document.createElement('span');
    probe.style.color = colour;
    document.body.appendChild(probe);
    var rgb = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    probe.remove();
    var linear = rgb.map(function (c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); });
    var luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    // White wins when its contrast ratio against the colour beats black's.
    return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? '#ffffff' : '#111111';
  }

  // The bot answers in English; the locale only changes Web Chat's own labels and date formats.
  function locale() {
    var value = params.get('locale');
    return value && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value) ? value : DEFAULT_LOCALE;
  }

  function styleOptions(accent) {
    return {
      accent: accent,
      primaryFont: FONT,
      backgroundColor: '#ffffff',
      bubbleBackground: '#f3f5f4',
      bubbleBorderColor: '#dfe5e3',
      bubbleBorderRadius: 10,
      bubbleFromUserBackground: accent,
      bubbleFromUserBorderColor: accent,
      bubbleFromUserTextColor: textColourOn(accent),
      bubbleFromUserBorderRadius: 10,
      bubbleNubSize: 0,
      hideUploadButton: true,
      sendBoxButtonColor: accent,
      sendBoxPlaceholderColor: '#6b777a',
      subtle: '#5b686b',
      // Suggested questions are whole sentences: one per row, wrapped rather than cut off.
      suggestedActionLayout: 'stacked',
      suggestedActionsStackedLayoutButtonTextWrap: true,
      suggestedActionsStackedHeight: 'auto',
      suggestedActionHeight: 'auto',
      suggestedActionBorderRadius: 10,
      suggestedActionBorderColor: accent,
      suggestedActionTextColor: accent,
      transcriptVisualKeyboardIndicatorColor: accent,
      // A new answer is shown from its top, and a red flag that is followed by a card stays in
      // view: scrolling pauses once the first new activity's top reaches the top of the transcript
      // ("snap on page" at 1; "snap on activity" would stop at that activity's bottom instead).
      autoScrollSnapOnPage: true,
      autoScrollSnapOnPageOffset: 0
    };
  }

  // Web Chat's ConnectionStatus values (botframework-directlinejs).
  var ONLINE = 2, EXPIRED_TOKEN = 3, FAILED_TO_CONNECT = 4, ENDED = 5;

  var chat = window.MicroneedlingChat;

  /** One chat in one [data-webchat] element: its notice, its "new conversation" button and Web Chat. */
  function Chat(element) {
    this.element = element;
    this.notice = null;
    this.host = null;
    this.directLine = null;
    this.conversation = null;
    this.refreshTimer = null;
    this.statusSubscription = null;
    this.activitySubscription = null;
  }

  Chat.prototype.mount = function () {
    var self = this;
    var tools = document.createElement('div');
    tools.className = 'chat-tools';
    var restart = document.createElement('button');
    restart.type = 'button';
    restart.className = 'chat-new-conversation';
    restart.textContent = 'Start a new conversation';
    restart.addEventListener('click', function () { self.startOver(); });
    tools.append(restart);
    var notice = document.createElement('div');
    notice.hidden = true;
    this.notice = new chat.ChatNotice(notice);
    this.element.replaceChildren(tools, notice);

    window.addEventListener('offline', function () { self.notice.show('offline'); });
    // Back online: reconnect at once from the saved conversation rather than wait out Web Chat's
    // own 3–15 s retry; the transcript is fetched again, so nothing said meanwhile is missed.
    window.addEventListener('online', function () { self.connect(); });
    this.connect();
  };

  /** The saved conversation if there is one that can still be resumed, else a new one. */
  Chat.prototype.connect = function () {
    var self = this;
    var saved = chat.session.load();
    var ended = false;
    if (saved || this.conversation) this.notice.show('reconnecting');
    var attempt = saved
      ? chat.connection.resume(saved).catch(function (problem) {
        if (problem.kind !== 'ended') throw problem;
        ended = true;
        chat.session.clear();
        return chat.connection.startNew(locale());
      })
      : chat.connection.startNew(locale());
    attempt.then(function (conversation) {
      self.render(conversation);
      if (ended) self.notice.show('ended'); else self.notice.hide();
    }).catch(function (problem) { self.showProblem(problem); });
  };

  Chat.prototype.startOver = function () {
    this.teardown();
    chat.session.clear();
    this.conversation = null;
    this.connect();
  };

  Chat.prototype.showProblem = function (problem) {
    var self = this;
    if (!(problem instanceof chat.connection.ConnectionProblem)) {
      // A bug rather than a refusal; still leave a way forward.
      console.warn('Web Chat did not start:', problem && problem.name);
      problem = new chat.connection.ConnectionProblem('server', 30, 0);
    }
    var retry = { label: 'Try again', run: function () { self.connect(); } };
    if (problem.kind === 'offline' && !navigator.onLine) this.notice.show('offline', { actions: [retry] });
    else if (problem.kind === 'busy') this.notice.show('busy', { retryInSeconds: problem.retryAfterSeconds, actions: [retry] });
    else this.notice.show('server', { actions: [retry] });
  };

  Chat.prototype.render = function (conversation) {
    var self = this;
    this.teardown();
    this.conversation = conversation;
    chat.session.save(conversation);
    // Token, conversation and streamUrl are all given: Web Chat opens the stream without starting
    // or reconnecting again, and the page owns token refresh (so the saved token stays current).
    this.directLine = window.WebChat.createDirectLine({
      token: conversation.token,
      conversationId: conversation.conversationId,
      streamUrl: conversation.streamUrl,
      domain: conversation.domain,
      webSocket: true
    });
    this.statusSubscription = this.directLine.connectionStatus$.subscribe(function (status) { self.onStatus(status); });
    this.activitySubscription = this.directLine.activity$.subscribe({
      next: function () {
        if (self.conversation !== conversation || !self.directLine) return;
        conversation.watermark = self.directLine.watermark;
        chat.session.save(conversation);
      },
      // The stream ends with an error when the conversation is ended (a new one, a reconnect): expected.
      error: function () {}
    });
    this.scheduleRefresh(conversation);

    this.host = document.createElement('div');
    this.host.className = 'chat-webchat';
    this.element.append(this.host);
    window.WebChat.renderWebChat({
      directLine: this.directLine,
      locale: locale(),
      styleOptions: styleOptions(accentColour()),
      store: window.WebChat.createStore({}, chat.cards.storeMiddleware),
      adaptiveCardsHostConfig: chat.cards.hostConfig(FONT),
      cardActionMiddleware: chat.cards.cardActionMiddleware
    }, this.host);
  };

  Chat.prototype.onStatus = function (status) {
    var self = this;
    if (status === ONLINE) {
      if (this.notice.element.classList.contains('chat-notice--reconnecting')) this.notice.hide();
    } else if (status === EXPIRED_TOKEN || status === FAILED_TO_CONNECT || (status === ENDED && this.directLine)) {
      this.notice.show('dropped', {
        actions: [
          { label: 'Reconnect', run: function () { self.connect(); } },
          { label: 'Start a new conversation', run: function () { self.startOver(); } }
        ]
      });
    }
  };

  // Refresh at half the token's remaining life, as Direct Line clients do; a failed refresh is
  // tried again sooner, and a refused one ends in the "connection lost" notice.
  Chat.prototype.scheduleRefresh = function (conversation) {
    var self = this;
    var wait = Math.max(5000, (conversation.expiresAt - Date.now()) / 2);
    this.refreshTimer = setTimeout(function () {
      chat.connection.refresh(conversation).then(function (fresh) {
        if (self.conversation !== conversation) return;
        conversation.token = fresh.token;
        conversation.expiresAt = fresh.expiresAt;
        chat.session.save(conversation);
        self.directLine.reconnect({ token: fresh.token, streamUrl: self.directLine.streamUrl });
        self.scheduleRefresh(conversation);
      }).catch(function (problem) {
        if (self.conversation !== conversation) return;
        if (problem.kind === 'ended') self.onStatus(EXPIRED_TOKEN); else self.scheduleRefresh(conversation);
      });
    }, wait);
  };

  Chat.prototype.teardown = function () {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    var directLine = this.directLine;
    this.directLine = null;
    if (this.statusSubscription) this.statusSubscription.unsubscribe();
    if (this.activitySubscription) this.activitySubscription.unsubscribe();
    this.statusSubscription = this.activitySubscription = null;
    if (directLine) directLine.end();
    if (this.host) this.host.remove();
    this.host = null;
  };

  function start(element) {
    if (!window.WebChat) {
      element.textContent = 'The chat could not load. Please reload the page.';
      return;
    }
    new Chat(element).mount();
  }

  // In the widget the saved conversation comes from the host page first (chat-session.js).
  chat.session.whenReady().then(function () {
    document.querySelectorAll('[data-webchat]').forEach(start);
  });
})();
