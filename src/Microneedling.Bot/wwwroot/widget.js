// One tag on any site adds a button that opens the microneedling fact-checker in a chat panel:
//
//   <script src="https://bot.example.org/widget.js" defer
//           data-title="Ask the fact-checker"  data-color="#225588"
//           data-open="true"  data-locale="en-GB"></script>
//
// data-title   the panel's title and the button's accessible name (default "Microneedling fact-checker")
// data-color   accent colour, any CSS colour (data-colour works too; default a calm green)
// data-open    present or "true": the panel starts open (without taking focus from the page)
// data-locale  Web Chat's own labels and dates, e.g. "en-GB" (default "en-US"; the answers are in English)
//
// The chat runs in an iframe of this bot's embed.html: the host page needs no CORS set-up, loads
// no Web Chat until the panel first opens, and its styles cannot reach the chat (the button and
// panel live in a shadow root for the same reason).
//
// The conversation is kept in this page's sessionStorage and handed to the iframe (embed.js), so
// it survives a reload of this page, as on the bot's own chat page: the iframe's own storage would
// not, being on the bot's site rather than this page's. Like the chat page, a tab opened from this
// one (window.open) carries on with the conversation, since it gets a copy of sessionStorage; a tab
// opened afresh starts a new one. Messages go to and come from the bot's origin and the iframe only.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.microneedlingChatWidget) return;
  window.microneedlingChatWidget = true;

  var SOURCE = 'microneedling-chat';
  // Not chat-session.js's key: were this page on the bot's own origin, the two would share storage.
  var STORAGE_KEY = 'microneedling-chat/widget-conversation';
  // A saved conversation is a token, two ids and a watermark: well under this.
  var MAX_SAVED_LENGTH = 8192;
  var DEFAULT_ACCENT = '#2f6f62';
  var botOrigin = new URL(script.src, document.baseURI).origin;
  var options = readOptions(script.dataset);

  var STYLE = [
    ':host { all: initial; }',
    '.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 56px; height: 56px;',
    '  display: flex; align-items: center; justify-content: center; padding: 0; border: 0; border-radius: 50%;',
    '  background: var(--accent); color: var(--on-accent); box-shadow: 0 4px 14px rgba(0, 0, 0, .25); cursor: pointer; }',
    '.launcher svg { width: 28px; height: 28px; }',
    '.launcher:focus-visible, .close:focus-visible { outline: 3px solid #b36b00; outline-offset: 3px; }',
    '.panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483000; box-sizing: border-box;',
    '  width: 380px; height: 600px; max-width: calc(100vw - 40px); max-height: calc(100vh - 108px);',
    '  display: flex; flex-direction: column; overflow: hidden; background: #fff; border-radius: 12px;',
    '  box-shadow: 0 8px 30px rgba(0, 0, 0, .25); font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }',
    '.panel[hidden] { display: none; }',
    '.bar { display: flex; align-items: center; gap: 8px; padding: 8px 8px 8px 16px; background: var(--accent); color: var(--on-accent); }',
    '.bar h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; line-height: 1.3; }',
    '.close { width: 36px; height: 36px; padding: 0; border: 0; border-radius: 6px; background: transparent;',
    '  color: inherit; font-size: 24px; line-height: 1; cursor: pointer; }',
    'iframe { flex: 1; width: 100%; min-height: 0; border: 0; }',
    '.focus-guard { position: absolute; width: 1px; height: 1px; overflow: hidden; }',
    // On a phone the panel takes the whole screen; its close button brings the page back.
    '@media (max-width: 480px) { .panel { inset: 0; width: 100%; height: 100%; max-width: none; max-height: none; border-radius: 0; } }'
  ].join('\n');

  // A speech bubble with three dots. Built node by node: sites that enforce Trusted Types refuse innerHTML.
  var ICON_PATH = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.3 1.3 0 1 0 0 2.6A1.3 1.3 0 0 0 7 10zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6z';

  var host = document.createElement('div');
  host.setAttribute('data-microneedling-chat', '');
  host.style.setProperty('--accent', options.accent);
  host.style.setProperty('--on-accent', textColourOn(options.accent));
  var root = host.attachShadow({ mode: 'open' });

  // A constructed style sheet is not "inline style" to a host page's Content-Security-Policy.
  if (root.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
  }

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.append(icon());
  launcher.setAttribute('aria-label', options.title);
  launcher.title = options.title;
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'panel');

  var panel = document.createElement('div');
  panel.id = 'panel';
  panel.className = 'panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  // Focus is kept inside while the panel is open (WCAG 2.4.3); the page behind does not take part.
  panel.setAttribute('aria-modal', 'true');
  panel.setAttribute('aria-labelledby', 'panel-title');

  // Tab past the chat's last control, or Shift+Tab before the close button, lands on one of these
  // and is sent round to the other end of the panel, so focus never leaves it while it is open.
  var trapStart = focusGuard();
  var trapEnd = focusGuard();

  var bar = document.createElement('div');
  bar.className = 'bar';
  var heading = document.createElement('h2');
  heading.id = 'panel-title';
  heading.textContent = options.title;
  var closer = document.createElement('button');
  closer.type = 'button';
  closer.className = 'close';
  closer.setAttribute('aria-label', 'Close chat');
  closer.textContent = '\u00d7';
  bar.append(heading, closer);

  // The iframe is created on first open, with its src set before it joins the document: an iframe
  // without one would first load about:blank (the host's origin) and fire a load event too early.
  var frame = null;
  var frameLoaded = false;
  var focusWhenLoaded = false;

  panel.append(trapStart, bar, trapEnd);
  root.append(launcher, panel);

  function focusGuard() {
    var guard = document.createElement('span');
    guard.tabIndex = 0;
    guard.className = 'focus-guard';
    return guard;
  }

  trapEnd.addEventListener('focus', function () { closer.focus(); });
  trapStart.addEventListener('focus', function () { focusChat('last'); });

  function readOptions(data) {
    var colour = data.color || data.colour;
    return {
      title: data.title || 'Microneedling fact-checker',
      accent: colour && window.CSS && CSS.supports('color', colour) ? colour : DEFAULT_ACCENT,
      locale: data.locale || 'en-US',
      startOpen: data.open !== undefined && data.open !== 'false'
    };
  }

  function icon() {
    var svgNs = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(svgNs, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', ICON_PATH);
    svg.append(path);
    return svg;
  }

  // Same rule as chat.js: white or near-black text, whichever contrasts more with the accent.
  function textColourOn(colour) {
    var probe = document.createElement('span');
    probe.style.color = colour;
    document.documentElement.appendChild(probe);
    var rgb = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    probe.remove();
    var linear = rgb.map(function (c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); });
    var luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? '#ffffff' : '#111111';
  }

  function embedUrl() {
    var query = new URLSearchParams({ locale: options.locale, color: options.accent });
    // The iframe posts the conversation to this origin only. A page with an opaque origin (sandboxed,
    // file:) has none to name; there the chat keeps the conversation in its own frame, as before.
    if (window.location.origin !== 'null') query.set('parent', window.location.origin);
    return botOrigin + '/embed.html?' + query.toString();
  }

  // Storage can be disabled or full: the chat then works, just without resuming.
  function savedConversation() {
    try { return window.sessionStorage.getItem(STORAGE_KEY); } catch (error) { return null; }
  }

  function saveConversation(text) {
    try { window.sessionStorage.setItem(STORAGE_KEY, text); } catch (error) { /* see savedConversation */ }
  }

  function clearConversation() {
    try { window.sessionStorage.removeItem(STORAGE_KEY); } catch (error) { /* see savedConversation */ }
  }

  function postToChat(message) {
    message.source = SOURCE;
    frame.contentWindow.postMessage(message, botOrigin);
  }

  function isOpen() { return !panel.hidden; }

  function createFrame() {
    frame = document.createElement('iframe');
    frame.title = options.title;
    frame.src = embedUrl();
    frame.addEventListener('load', function () {
      frameLoaded = true;
      if (focusWhenLoaded) focusChat();
    });
    panel.insertBefore(frame, trapEnd);
  }

  function open(takeFocus) {
    if (!frame) createFrame(); // Web Chat loads on first open, not with the host page.
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (takeFocus) focusChat();
  }

  function close() {
    if (!isOpen()) return;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  // Focus goes into the chat's send box; until the iframe has loaded, the frame itself holds it.
  function focusChat(where) {
    frame.focus();
    if (!frameLoaded) { focusWhenLoaded = true; return; }
    focusWhenLoaded = false;
    postToChat({ type: where === 'last' ? 'focus-last' : 'focus' });
  }

  launcher.addEventListener('click', function () {
    if (isOpen()) close(); else open(true);
  });
  closer.addEventListener('click', close);
  root.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && isOpen()) { event.preventDefault(); close(); }
  });
  // From embed.js: Escape pressed inside the chat, and the conversation to hand over or keep.
  // Only the iframe this script made, on the bot's origin, is listened to; what it sends is checked.
  window.addEventListener('message', function (event) {
    if (!frame || event.origin !== botOrigin || event.source !== frame.contentWindow) return;
    var message = event.data;
    if (!message || typeof message !== 'object' || message.source !== SOURCE) return;
    if (message.type === 'close') close();
    else if (message.type === 'ready') postToChat({ type: 'conversation', state: savedConversation() });
    else if (message.type === 'save-conversation') {
      if (typeof message.state === 'string' && message.state.length <= MAX_SAVED_LENGTH) saveConversation(message.state);
    } else if (message.type === 'clear-conversation') clearConversation();
  });

  function mount() {
    document.body.appendChild(host);
    if (options.startOpen) open(false);
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
