import * as api from './api.js';
import { byId, h, bytes, when, explain } from './dom.js';

const SHOWN_VALUES = 50;

export async function loadState() {
  const container = byId('state-entries');
  try {
    const entries = (await api.get('/api/session/state')).entries;
    if (entries.length === 0) {
      container.replaceChildren(h('p', { class: 'muted', text: 'This session keeps no state.' }));
      return;
    }
    const items = [];
    for (const entry of entries.slice(0, SHOWN_VALUES)) {
      const value = await api.get('/api/session/state/' + encodeURIComponent(entry.key));
      items.push(h('div', { class: 'state-entry' },
        h('dt', {}, h('code', { text: entry.key }), h('span', { class: 'muted small', text: ` ${bytes(entry.size)} · expires ${when(entry.expires_at)}` })),
        h('dd', {}, h('pre', { text: JSON.stringify(value, null, 2) }))));
    }
    container.replaceChildren(h('dl', { class: 'state' }, items));
  } catch (error) {
    container.replaceChildren(h('p', { class: 'message', text: explain(error) }));
  }
}

byId('refresh-state').addEventListener('click', loadState);
