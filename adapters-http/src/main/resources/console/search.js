import * as api from './api.js';
import { byId, h, say, explain, counted } from './dom.js';
import { openPreview } from './preview.js';

const LIMIT = 50;

/** A snippet's pieces as text nodes, the matched words inside <mark>: nothing is parsed as HTML. */
function snippetOf(pieces) {
  return h('p', { class: 'snippet' }, pieces.map((piece) => piece.match ? h('mark', { text: piece.text }) : piece.text));
}

function hitItem(hit) {
  return h('li', { class: 'hit', 'data-path': hit.path, 'data-row': String(hit.row) },
    h('button', { type: 'button', class: 'link', text: `${hit.path} · row ${hit.row}`, onclick: () => openPreview(hit.path, hit.row - 1) }),
    snippetOf(hit.snippet),
    hit.columns.length ? h('span', { class: 'muted small', text: 'in ' + hit.columns.join(', ') }) : null);
}

function summaryOf(found) {
  const count = found.hits.length;
  if (count === 0) {
    return `No matches for “${found.query}”.`;
  }
  const howMany = count === LIMIT ? `The first ${LIMIT} matches` : counted(count, 'match', 'matches');
  return `${howMany} for “${found.query}”, best first.`;
}

/** The outputs whose index job has not finished: their rows may be missing from the hits. */
function indexingNoteOf(found) {
  const indexing = found.indexing || [];
  return indexing.length ? `indexing… ${indexing.join(', ')} — matches in ${indexing.length === 1 ? 'it' : 'them'} may be missing yet.` : '';
}

async function search(event) {
  event.preventDefault();
  const query = byId('search-input').value;
  const hits = byId('search-hits');
  const summary = byId('search-summary');
  say(byId('search-message'), '');
  try {
    const found = await api.get(`/api/search?q=${encodeURIComponent(query)}&limit=${LIMIT}`);
    hits.replaceChildren(...found.hits.map(hitItem));
    say(summary, summaryOf(found));
    say(byId('search-indexing'), indexingNoteOf(found));
  } catch (error) {
    hits.replaceChildren();
    say(summary, '');
    say(byId('search-indexing'), '');
    say(byId('search-message'), explain(error));
  }
}

export function wireSearch() {
  byId('search-form').addEventListener('submit', search);
}

export function clearSearch() {
  byId('search-input').value = '';
  byId('search-hits').replaceChildren();
  say(byId('search-summary'), '');
  say(byId('search-indexing'), '');
  say(byId('search-message'), '');
}
