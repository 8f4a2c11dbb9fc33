// Starts Web Chat in every [data-webchat] element against this bot's own Direct Line:
// POST /api/directline/token gives a token for a new conversation, then Web Chat talks to
// /v3/directline on this origin (or to the "domain" the answer names, when the host hands out
// Azure Direct Line tokens instead). Options come from the query string, which is how widget.js
// passes its data- attributes to embed.html: ?locale=en-GB&color=%23225588.
(function () {
  'use strict';

  var DEFAULT_ACCENT = '#2f6f62';
  var DEFAULT_LOCALE = 'en-US';
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
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
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
      transcriptVisualKeyboardIndicatorColor: accent
    };
  }

  function fetchToken() {
    return fetch('/api/directline/token', { method: 'POST', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('The token endpoint answered ' + response.status + '.');
        return response.json();
      });
  }

  function showFailure(element, retry) {
    var status = document.createElement('div');
    status.className = 'chat-status';
    status.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.textContent = 'The chat could not connect. Please try again in a moment.';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Try again';
    button.addEventListener('click', retry);
    status.append(text, button);
    element.replaceChildren(status);
  }

  function start(element) {
    if (!window.WebChat) {
      showFailure(element, function () { window.location.reload(); });
      return;
    }
    fetchToken().then(function (answer) {
      var directLine = window.WebChat.createDirectLine({
        token: answer.token,
        domain: answer.domain || window.location.origin + '/v3/directline',
        webSocket: true
      });
      element.replaceChildren();
      window.WebChat.renderWebChat({
        directLine: directLine,
        locale: locale(),
        styleOptions: styleOptions(accentColour())
      }, element);
    }).catch(function (error) {
      console.error('Web Chat did not start:', error);
      showFailure(element, function () { start(element); });
    });
  }

  document.querySelectorAll('[data-webchat]').forEach(start);
})();
