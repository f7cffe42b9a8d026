import * as api from './api.js';
import { byId, h, say, explain } from './dom.js';
import { renderTree, selectedInputs } from './tree.js';
import { uploadAll } from './uploads.js';
import { startJobs, stopJobs, watchJob } from './jobs.js';
import { openPreview, closePreview } from './preview.js';
import { wireSearch, clearSearch } from './search.js';
import { offerComparisonSides, wireComparison } from './compare.js';

let files = [];
let wired = false;

export async function refreshFiles() {
  try {
    files = (await api.get('/api/files')).files;
  } catch (error) {
    say(byId('notice'), explain(error));
    return;
  }
  renderTree(byId('file-tree'), files, { onDelete: deleteFile, onPreview: openPreview, onSelect: offerElements });
  fillGroups();
  offerComparisonSides(files);
  offerElements();
}

function fillGroups() {
  const select = byId('group-select');
  const chosen = select.value;
  const groups = [...new Set(files.filter((file) => file.kind === 'input' && file.group).map((file) => file.group))].sort();
  select.replaceChildren(...groups.map((group) => h('option', { value: group, text: group })));
  if (groups.includes(chosen)) {
    select.value = chosen;
  }
}

async function deleteFile(file) {
  if (!window.confirm(`Delete ${file.path}?`)) {
    return;
  }
  try {
    await api.del('/api/files/' + api.encodePath(file.path));
  } catch (error) {
    say(byId('notice'), explain(error));
  }
  refreshFiles();
}

function scope() {
  return new FormData(byId('convert-form')).get('scope');
}

function chosenInputs() {
  const inputs = files.filter((file) => file.kind === 'input');
  if (scope() === 'group') {
    const group = byId('group-select').value;
    return inputs.filter((file) => file.group === group || file.group.startsWith(group + '/'));
  }
  if (scope() === 'files') {
    const ticked = new Set(selectedInputs(byId('file-tree')));
    return inputs.filter((file) => ticked.has(file.path));
  }
  return inputs;
}

const ELEMENT_SCAN_FILES = 5;
let elementsRequest = 0;

/** Offers the record elements found in (the first few of) the chosen inputs, most frequent first. */
async function offerElements() {
  const request = ++elementsRequest;
  const inputs = chosenInputs().slice(0, ELEMENT_SCAN_FILES);
  const select = byId('record-select');
  const hint = byId('record-hint');
  const totals = new Map();
  try {
    for (const file of inputs) {
      const census = await api.get('/api/files/' + api.encodePath(file.path) + '/elements');
      for (const element of census.elements.filter((candidate) => candidate.depth > 1)) {
        const seen = totals.get(element.name) || { count: 0, depth: element.depth };
        totals.set(element.name, { count: seen.count + element.count, depth: Math.min(seen.depth, element.depth) });
      }
    }
  } catch (error) {
    say(hint, explain(error));
    return;
  }
  if (request !== elementsRequest) {
    return;
  }
  const chosen = select.value;
  const names = [...totals.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  select.replaceChildren(
    h('option', { value: 'auto', text: 'auto (the root\'s repeated children)' }),
    ...names.map(([name, tally]) => h('option', { value: name, text: `${name} — ${tally.count} × (depth ${tally.depth})` })));
  select.value = names.some(([name]) => name === chosen) ? chosen : 'auto';
  say(hint, inputs.length === 0 ? '' : `Elements found in ${inputs.length === 1 ? inputs[0].path : 'the first ' + inputs.length + ' chosen inputs'}.`);
}

async function convert(event) {
  event.preventDefault();
  const message = byId('convert-message');
  const body = { options: { record: byId('record-select').value, formula_guard: byId('formula-guard').checked } };
  if (scope() === 'group') {
    body.groups = [byId('group-select').value];
  } else if (scope() === 'files') {
    body.paths = selectedInputs(byId('file-tree'));
    if (body.paths.length === 0) {
      say(message, 'Tick the input files to convert in the list.');
      return;
    }
  }
  try {
    const accepted = await api.post('/api/conversions', body);
    say(message, '');
    watchJob(accepted.job_id);
  } catch (error) {
    say(message, explain(error));
  }
}

function wire() {
  const input = byId('file-input');
  const zone = byId('drop-zone');
  input.addEventListener('change', () => {
    uploadAll([...input.files]).then(refreshFiles);
    input.value = '';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    uploadAll([...event.dataTransfer.files]).then(refreshFiles);
  });
  byId('refresh-files').addEventListener('click', refreshFiles);
  byId('download-all').addEventListener('click', () => api.download('/api/files.zip', 'files.zip').catch((error) => say(byId('notice'), explain(error))));
  byId('convert-form').addEventListener('submit', convert);
  byId('convert-form').addEventListener('change', (event) => {
    byId('group-select').disabled = scope() !== 'group';
    if (event.target.id !== 'record-select' && event.target.id !== 'formula-guard') {
      offerElements();
    }
  });
  byId('close-preview').addEventListener('click', closePreview);
  wireSearch();
  wireComparison();
}

export function startWorkspace() {
  if (!wired) {
    wire();
    wired = true;
  }
  byId('uploads').replaceChildren();
  clearSearch();
  closePreview();
  refreshFiles();
  startJobs(refreshFiles);
}

export function stopWorkspace() {
  stopJobs();
}
