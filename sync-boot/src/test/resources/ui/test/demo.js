// A test view: reads /api/demo every poll and shows it through the shared helpers; operators get two buttons.
import { registerView, api, format, h, currentUser } from '/ui/app.js';

registerView('demo', {
  render(element) {
    element.append(
      h('p', { id: 'demo-greeting', text: `Hello ${currentUser().name}, you are ${currentUser().role}.` }),
      h('table', { class: 'data' },
        h('tbody', {},
          h('tr', {}, h('th', { text: 'Size' }), h('td', { id: 'demo-size', class: 'num' })),
          h('tr', {}, h('th', { text: 'Read' }), h('td', { id: 'demo-age' })),
          h('tr', {}, h('th', { text: 'Reads' }), h('td', { id: 'demo-reads', class: 'num' })))),
      h('p', { class: 'row operator-only' },
        h('button', { id: 'demo-post', type: 'button', class: 'primary', text: 'Change',
          onclick: async () => {
            const result = await api.post('/api/demo', {});
            element.querySelector('#demo-posted').textContent = `posted ${result.posts}`;
          } }),
        h('button', { id: 'demo-refuse', type: 'button', class: 'danger', text: 'Refuse',
          onclick: () => api.post('/api/demo/refuse', {}).catch(() => {}) }),
        h('span', { id: 'demo-posted' })));
  },
  async refresh(element) {
    const data = await api.get('/api/demo');
    element.querySelector('#demo-size').textContent = format.bytes(data.size);
    element.querySelector('#demo-age').textContent = format.age(data.at);
    element.querySelector('#demo-reads').textContent = String(data.reads);
  },
});
