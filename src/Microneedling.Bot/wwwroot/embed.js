// The embed page's side of the conversation with widget.js on the host page: Escape inside the
// chat asks the host to close the panel (key events do not cross the iframe), and the host asks
// this page to put focus in the send box when the panel opens.
(function () {
  'use strict';

  var SOURCE = 'microneedling-chat';

  window.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || event.defaultPrevented || window.parent === window) return;
    // The host's origin is not known here; the message carries no data, so any origin may read it.
    window.parent.postMessage({ source: SOURCE, type: 'close' }, '*');
  });

  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data || event.data.source !== SOURCE) return;
    if (event.data.type === 'focus') focusSendBox(0);
    // Shift+Tab came round from the panel's close button: the chat's last control is the send button.
    if (event.data.type === 'focus-last') focusLast();
  });

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
