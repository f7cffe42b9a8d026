import * as api from './api.js';
import { h, bytes, when, say, byId, explain, counted } from './dom.js';

/** Folders of the workspace as nested nodes: { folders: Map(name → node), files: [file] }. */
function nest(files) {
  const root = { folders: new Map(), files: [] };
  for (const file of files) {
    const names = file.path.split('/');
    let node = root;
    for (const folder of names.slice(0, -1)) {
      if (!node.folders.has(folder)) {
        node.folders.set(folder, { folders: new Map(), files: [] });
      }
      node = node.folders.get(folder);
    }
    node.files.push(file);
  }
  return root;
}

function fileRow(file, actions) {
  const name = file.path.split('/').pop();
  const isCsv = file.kind === 'output' && name.toLowerCase().endsWith('.csv');
  const save = () => api.download('/api/files/' + api.encodePath(file.path), name).catch((error) => say(byId('notice'), explain(error)));
  return h('li', { class: 'file', 'data-path': file.path },
    file.kind === 'input'
      ? h('input', { type: 'checkbox', class: 'pick', value: file.path, 'aria-label': 'Choose ' + file.path, onchange: actions.onSelect })
      : h('span', { class: 'pick-space', 'aria-hidden': 'true' }),
    h('div', {},
      isCsv
        ? h('button', { type: 'button', class: 'link name', text: name, title: 'Preview ' + file.path, onclick: () => actions.onPreview(file.path) })
        : h('span', { class: 'name', text: name }),
      h('span', { class: 'meta' }, bytes(file.size) + ' · ', h('time', { datetime: file.modified_at, text: when(file.modified_at) }))),
    h('span', { class: 'row-actions' },
      h('button', { type: 'button', text: 'Download', 'aria-label': 'Download ' + file.path, onclick: save }),
      h('button', { type: 'button', class: 'danger', text: 'Delete', 'aria-label': 'Delete ' + file.path, onclick: () => actions.onDelete(file) })));
}

function folderNode(name, node, actions) {
  const count = countFiles(node);
  return h('li', { class: 'folder' },
    h('details', { open: true },
      h('summary', {}, h('span', { class: 'name', text: name + '/' }), h('span', { class: 'muted small', text: ` ${counted(count, 'file')}` })),
      children(node, actions)));
}

function children(node, actions) {
  return h('ul', {},
    [...node.folders.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, child]) => folderNode(name, child, actions)),
    node.files.map((file) => fileRow(file, actions)));
}

function countFiles(node) {
  return node.files.length + [...node.folders.values()].reduce((sum, child) => sum + countFiles(child), 0);
}

export function renderTree(container, files, actions) {
  const kept = new Set(selectedInputs(container));
  if (files.length === 0) {
    container.replaceChildren(h('p', { class: 'muted', text: 'No files yet.' }));
    return;
  }
  container.replaceChildren(children(nest(files), actions));
  for (const box of container.querySelectorAll('input.pick')) {
    box.checked = kept.has(box.value);
  }
}

export function selectedInputs(container) {
  return [...container.querySelectorAll('input.pick:checked')].map((box) => box.value);
}
