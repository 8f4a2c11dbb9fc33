// The line above the chat that says what is wrong with the connection and what to do about it, so
// nobody is left looking at "Connecting…" with no way forward. It sits beside Web Chat rather than
// replacing it: when the connection drops, the conversation so far stays readable.
(function () {
  'use strict';

  var MESSAGES = {
    busy: function (seconds) {
      return 'A lot of conversations were started from your network recently, so the chat is holding new ones back. ' +
        'It will try again by itself in ' + duration(seconds) + '.';
    },
    server: function () { return 'The chat service is having a problem right now. Please try again in a moment.'; },
    offline: function () { return 'You seem to be offline. The chat will reconnect when your connection is back.'; },
    dropped: function () { return 'The connection to the chat was lost.'; },
    ended: function () { return 'Your earlier conversation has ended, so this is a new one.'; },
    reconnecting: function () { return 'Reconnecting…'; }
  };

  function duration(seconds) {
    if (seconds < 60) return seconds === 1 ? '1 second' : seconds + ' seconds';
    var minutes = Math.ceil(seconds / 60);
    return minutes === 1 ? '1 minute' : minutes + ' minutes';
  }

  /** A notice bound to its element; show() replaces what it said, hide() empties it. */
  function ChatNotice(element) {
    this.element = element;
    this.timer = null;
  }

  // actions: [{ label, run }]; retryInSeconds: counts down, then runs the first action by itself.
  ChatNotice.prototype.show = function (kind, options) {
    options = options || {};
    this.hide();
    var urgent = kind !== 'reconnecting' && kind !== 'ended';
    this.element.className = 'chat-notice chat-notice--' + kind;
    var text = document.createElement('p');
    text.textContent = MESSAGES[kind](options.retryInSeconds || 0);
    var box = document.createElement('div');
    // An alert interrupts a screen reader, which a problem deserves; progress and information only need a status.
    box.setAttribute('role', urgent ? 'alert' : 'status');
    box.append(text);
    (options.actions || []).forEach(function (action) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      box.append(button);
    });
    this.element.append(box);
    this.element.hidden = false;
    if (options.retryInSeconds && options.actions && options.actions.length) {
      this.timer = setTimeout(options.actions[0].run, options.retryInSeconds * 1000);
    }
  };

  ChatNotice.prototype.hide = function () {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.element.replaceChildren();
    this.element.hidden = true;
  };

  window.MicroneedlingChat = window.MicroneedlingChat || {};
  window.MicroneedlingChat.ChatNotice = ChatNotice;
})();
