// How the bot's Adaptive Cards look and behave in Web Chat here.
//
// Colours: Web Chat's default host config puts amber, red and green text on pale amber, red and
// green backgrounds (a "Misleading" badge measured 1.94:1). Here every text colour is checked
// against every container background at 4.5:1 or more (WCAG 2.2 SC 1.4.3), so whatever colour a
// card names, it stays readable; the verdict is in the words, the colour only repeats it.
//
// Buttons: a did-you-mean choice is answered once, so its buttons are disabled after the pick; a
// vote can be changed, so only the vote given is disabled (and marked pressed) and the comment
// box empties once it was sent with the vote.
(function () {
  'use strict';

  // Contrast on white / on the darkest background below (attention), measured with the WCAG formula.
  var TEXT = '#1f2a2e';        // 14.7:1 / 12.3:1
  var SUBTLE = '#4d5b5f';      // 7.1:1 / 5.9:1
  var STRONG = {
    accent: '#1a4f8b',         // 8.3:1 / 6.9:1
    attention: '#a3151a',      // 7.8:1 / 6.6:1
    good: '#1b5e20',           // 7.9:1 / 6.6:1
    warning: '#7a4100',        // 8.1:1 / 6.8:1
    dark: '#000000'
  };
  var BACKGROUNDS = {
    default: '#ffffff',
    emphasis: '#f3f5f4',
    accent: '#e3eefa',
    good: '#e2f3e5',
    attention: '#fbe6e4',
    warning: '#fcf0d8'
  };

  function foregrounds() {
    var colours = { default: { default: TEXT, subtle: SUBTLE } };
    Object.keys(STRONG).forEach(function (name) { colours[name] = { default: STRONG[name], subtle: STRONG[name] }; });
    // "light" text is meant for dark backgrounds, which these cards never use: keep it readable anyway.
    colours.light = { default: TEXT, subtle: SUBTLE };
    return colours;
  }

  function hostConfig(fontFamily) {
    var containerStyles = {};
    Object.keys(BACKGROUNDS).forEach(function (name) {
      containerStyles[name] = { backgroundColor: BACKGROUNDS[name], foregroundColors: foregrounds() };
    });
    return {
      containerStyles: containerStyles,
      supportsInteractivity: true,
      fontFamily: fontFamily,
      actions: {
        actionAlignment: 'stretch',
        actionsOrientation: 'vertical',
        buttonSpacing: 8,
        maxActions: 100,
        showCard: { actionMode: 'inline', inlineTopMargin: 8 },
        spacing: 'default'
      },
      adaptiveCard: { allowCustomStyle: false },
      factSet: {
        title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
        value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
        spacing: 8
      },
      // Card headings sit under the transcript's own structure (the page's h1 and Web Chat's region).
      textBlock: { headingLevel: 3 }
    };
  }

  // The button a card action came from: Web Chat's card action middleware is not told which element
  // was pressed, so the last button pressed inside a card is remembered on the way down.
  var lastPressed = null;
  function rememberPressedButton(event) {
    var button = event.target && event.target.closest && event.target.closest('.ac-adaptiveCard button');
    if (button) lastPressed = button;
  }
  document.addEventListener('click', rememberPressedButton, true);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' || event.key === ' ') rememberPressedButton(event);
  }, true);

  function buttonsBeside(button) {
    var set = button.closest('.ac-actionSet');
    return set ? Array.prototype.slice.call(set.querySelectorAll('button')) : [button];
  }

  function markUsed(button, value) {
    if (value.action === 'pick' || value.action === 'none') {
      buttonsBeside(button).forEach(function (other) {
        other.setAttribute('aria-disabled', 'true');
        other.setAttribute('aria-pressed', other === button ? 'true' : 'false');
      });
    } else if (value.action === 'feedback') {
      buttonsBeside(button).forEach(function (other) {
        var chosen = other === button;
        if (chosen) other.setAttribute('aria-disabled', 'true'); else other.removeAttribute('aria-disabled');
        other.setAttribute('aria-pressed', chosen ? 'true' : 'false');
      });
      var card = button.closest('.ac-adaptiveCard');
      var comment = card && card.querySelector('textarea, input[type="text"]');
      if (comment) comment.value = '';
    }
  }

  // aria-disabled rather than disabled: the button keeps focus (a disabled one drops it to the page)
  // and a screen reader still reads which choice was made; pressing it again sends nothing.
  function cardActionMiddleware() {
    return function (next) {
      return function (context) {
        var value = context.cardAction && context.cardAction.value;
        var button = lastPressed;
        lastPressed = null;
        if (button && button.getAttribute('aria-disabled') === 'true') return undefined;
        var result = next(context);
        if (button && value && typeof value === 'object') markUsed(button, value);
        return result;
      };
    };
  }

  // A red flag arrives as a card plus the same words as text, for clients that show no cards. Web
  // Chat shows both, one above the other; here the card alone says it (its speak is what screen
  // readers get), so the text is dropped before it is rendered.
  function storeMiddleware() {
    return function (next) {
      return function (action) {
        var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
        if (activity && activity.text && activity.from && activity.from.role !== 'user' && hasAdaptiveCard(activity)) {
          var copy = Object.assign({}, activity);
          delete copy.text;
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: copy }) });
        }
        return next(action);
      };
    };
  }

  function hasAdaptiveCard(activity) {
    return (activity.attachments || []).some(function (attachment) {
      return attachment.contentType === 'application/vnd.microsoft.card.adaptive';
    });
  }

  window.MicroneedlingChat = window.MicroneedlingChat || {};
  window.MicroneedlingChat.cards = {
    hostConfig: hostConfig,
    cardActionMiddleware: cardActionMiddleware,
    storeMiddleware: storeMiddleware
  };
})();
