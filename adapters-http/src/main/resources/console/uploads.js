import * as api from './api.js';
import { byId, h, bytes, explain } from './dom.js';

function outcomeOf(body) {
  const stored = h('details', { class: 'stored' },
    h('summary', { text: `${body.files.length} stored` }),
    h('ul', {}, body.files.map((file) => h('li', { text: `${file.path} (${bytes(file.size)})` }))));
  const skipped = body.skipped.length === 0 ? null : h('details', { class: 'skipped', open: true },
    h('summary', { text: `${body.skipped.length} skipped` }),
    h('ul', {}, body.skipped.map((entry) => h('li', { text: `${entry.name}: ${entry.reason.replaceAll('_', ' ')}` }))));
  return [stored, skipped];
}

async function uploadOne(file) {
  const bar = h('progress', { max: String(file.size || 1), value: '0', 'aria-label': 'Upload of ' + file.name });
  const figure = h('span', { class: 'muted small', text: `0 / ${bytes(file.size)}` });
  const status = h('div', { class: 'outcome' });
  const item = h('li', { class: 'upload-item', 'data-name': file.name }, h('span', { class: 'name', text: file.name }), bar, figure, status);
  byId('uploads').prepend(item);
  try {
    const body = await api.upload(file, (sent, total) => {
      bar.max = total || 1;
      bar.value = sent;
      figure.textContent = `${bytes(sent)} / ${bytes(total)} (${Math.round((100 * sent) / (total || 1))} %)`;
    });
    item.classList.add('done');
    status.replaceChildren(...outcomeOf(body).filter(Boolean));
  } catch (error) {
    item.classList.add('refused');
    status.replaceChildren(h('p', { class: 'message', role: 'alert', text: explain(error) }));
  }
}

/** Uploads the files one after the other, each with its own progress bar and outcome. */
export async function uploadAll(files) {
  for (const file of files) {
    await uploadOne(file);
  }
}
