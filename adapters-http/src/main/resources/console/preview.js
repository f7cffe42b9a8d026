import * as api from './api.js';
import { byId, h, show, say, explain } from './dom.js';

const PAGE = 100;
let current = { path: null, offset: 0 };

async function load(path, offset) {
  let page;
  try {
    page = await api.get(`/api/files/${api.encodePath(path)}/preview?offset=${offset}&limit=${PAGE}`);
  } catch (error) {
    say(byId('preview-range'), explain(error));
    return;
  }
  current = { path, offset };
  byId('preview-path').textContent = path;
  byId('preview-table').replaceChildren(
    h('caption', { class: 'visually-hidden', text: 'Rows of ' + path }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'row-number', text: '#' }), page.columns.map((column) => h('th', { scope: 'col', text: column })))),
    h('tbody', {}, page.rows.map((row, index) => h('tr', {},
      h('th', { scope: 'row', class: 'row-number', text: String(offset + index + 1) }),
      row.map((cell) => h('td', { text: cell }))))));
  const last = offset + page.rows.length;
  const total = page.total_rows === null ? 'more' : String(page.total_rows);
  byId('preview-range').textContent = page.rows.length ? `Rows ${offset + 1}–${last} of ${total}` : `No rows here (${total} in all)`;
  byId('preview-previous').disabled = offset === 0;
  byId('preview-next').disabled = page.total_rows !== null && last >= page.total_rows;
}

/** Shows the page of {@code path} that starts at row {@code offset} (0 is the first row after the header). */
export function openPreview(path, offset = 0) {
  show(byId('preview-card'));
  load(path, offset).then(() => byId('preview-card').scrollIntoView({ block: 'start' }));
}

export function closePreview() {
  show(byId('preview-card'), false);
  current = { path: null, offset: 0 };
}

byId('preview-previous').addEventListener('click', () => load(current.path, Math.max(0, current.offset - PAGE)));
byId('preview-next').addEventListener('click', () => load(current.path, current.offset + PAGE));
