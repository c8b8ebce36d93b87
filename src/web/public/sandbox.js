// The sandbox page: start a conversation, send messages, poll the conversation and Jawab's audit trail.
const $ = (id) => document.getElementById(id);
let conversationId = null;
$('token').value = localStorage.getItem('jawab-token') || '';

async function api(method, path, body) {
  const response = await fetch(`/api/sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${$('token').value.trim()}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ? data.error.message : response.statusText);
  return data;
}

function render(data) {
  const c = data.conversation;
  $('status').textContent = `status: ${c.status} · labels: ${c.labels.join(', ') || 'none'} · assignee: ${c.assigneeId ?? 'none'} · owner: ${data.jawab ? data.jawab.owner : 'ai'}`;
  $('messages').replaceChildren(...c.messages.map((m) => {
    const li = document.createElement('li');
    li.className = m.private ? 'private' : m.from;
    li.textContent = (m.private ? '[private note] ' : '') + m.content;
    return li;
  }));
  $('audit').replaceChildren(...(data.jawab ? data.jawab.audit : []).map((a) => {
    const li = document.createElement('li');
    li.textContent = `${a.what}: ${a.why}`;
    return li;
  }));
}

async function poll() {
  if (conversationId !== null) render(await api('GET', `/conversations/${conversationId}`));
}

$('start').addEventListener('click', async () => {
  try {
    localStorage.setItem('jawab-token', $('token').value.trim());
    conversationId = (await api('POST', '/conversations', { name: $('name').value })).id;
    $('login').hidden = true;
    $('chat').hidden = false;
    setInterval(() => poll().catch(() => undefined), 1000);
  } catch (error) {
    alert(error.message);
  }
});

$('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  await api('POST', `/conversations/${conversationId}/messages`, { text });
  await poll();
});
