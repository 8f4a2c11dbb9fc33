// A small local chat page: it posts Activities to /api/messages with deliveryMode "expectReplies"
// and shows the replies. It works in local mode (no app id). Links are built with DOM APIs, never
// innerHTML, so answer text cannot inject markup.
(() => {
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('q');
  const conversation = { id: 'local-' + crypto.randomUUID() };
  const user = { id: 'user-' + crypto.randomUUID(), role: 'user' };

  function render(role, text) {
    const li = document.createElement('li');
    li.className = role;
    const link = /\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g;
    let last = 0, m;
    while ((m = link.exec(text)) !== null) {
      li.append(text.slice(last, m.index).replace(/\*\*|_/g, ''));
      const a = document.createElement('a');
      a.href = m[2]; a.textContent = m[1]; a.target = '_blank'; a.rel = 'noopener';
      li.append(a);
      last = m.index + m[0].length;
    }
    li.append(text.slice(last).replace(/\*\*|_/g, ''));
    log.append(li);
    li.scrollIntoView({ block: 'end' });
  }

  async function send(activity) {
    const body = Object.assign({
      channelId: 'webchat', serviceUrl: location.origin, conversation, from: user,
      recipient: { id: 'bot', role: 'bot' }, deliveryMode: 'expectReplies', locale: navigator.language,
    }, activity);
    const response = await fetch('/api/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) { render('bot', 'Sorry, something went wrong (' + response.status + '). Please try again.'); return; }
    const { activities } = await response.json();
    for (const a of activities || []) if (a.type === 'message' && a.text) render('bot', a.text);
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    render('user', text);
    input.value = '';
    send({ type: 'message', text });
  });

  send({ type: 'conversationUpdate', membersAdded: [user] });
  input.focus();
})();
