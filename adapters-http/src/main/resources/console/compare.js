import * as api from './api.js';
import { byId, h, say, explain } from './dom.js';
import { watchJob } from './jobs.js';

/** Offers the output CSVs on both sides, keeping what was chosen while it still exists. */
export function offerComparisonSides(files) {
  const csvs = files.filter((file) => file.kind === 'output' && file.path.endsWith('.csv')).map((file) => file.path);
  ['compare-left', 'compare-right'].forEach((id, side) => {
    const select = byId(id);
    const chosen = select.value;
    select.replaceChildren(...csvs.map((path) => h('option', { value: path, text: path })));
    select.value = csvs.includes(chosen) ? chosen : (csvs[Math.min(side, csvs.length - 1)] || '');
  });
  byId('compare-button').disabled = csvs.length === 0;
}

async function compare(event) {
  event.preventDefault();
  const message = byId('compare-message');
  const key = byId('compare-key').value.split(',').map((column) => column.trim()).filter(Boolean);
  try {
    const accepted = await api.post('/api/comparisons', { left: byId('compare-left').value, right: byId('compare-right').value, key });
    say(message, '');
    watchJob(accepted.job_id);
  } catch (error) {
    say(message, explain(error));
  }
}

export function wireComparison() {
  byId('compare-form').addEventListener('submit', compare);
}
