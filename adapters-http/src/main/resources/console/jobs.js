import * as api from './api.js';
import { byId, h, say, explain, when, counted } from './dom.js';
import { openPreview } from './preview.js';

const POLL_MS = 1500;
let timer = null;
let onFinished = () => {};
const finished = new Set();

/** What a job's progress counts, as the API says: a conversion's inputs, an index job's outputs, a comparison's rows, a test job's steps. */
const PROGRESS_UNITS = { conversion: 'files', index: 'files', comparison: 'rows' };

function progressOf(job) {
  const { done, total, percent } = job.progress;
  const unit = PROGRESS_UNITS[job.type] || 'steps';
  return h('div', { class: 'job-progress' },
    h('progress', { max: '100', value: String(percent), 'aria-label': `Progress of job ${job.id}` }),
    h('span', { class: 'small', text: `${done} of ${total} ${unit} · ${percent} %` }));
}

function resultOf(job) {
  if (!job.result) {
    return job.error ? h('p', { class: 'message', text: `${job.error.code}: ${job.error.message}` }) : null;
  }
  const outputs = job.result.outputs.map((output) => h('li', {},
    h('button', { type: 'button', class: 'link', text: output.output, 'data-output': output.output, onclick: () => openPreview(output.output) }),
    h('span', { class: 'muted small', text: ` ${counted(output.rows, 'row')} × ${counted(output.columns, 'column')}${output.cached ? ' · from cache' : ''}` })));
  const failed = job.result.failed.map((failure) => h('li', { class: 'failed' },
    h('span', { class: 'name', text: failure.input }), h('span', { text: ` — ${failure.code}: ${failure.message}` })));
  const indexed = (job.result.indexed || []).map((file) => h('li', {},
    h('span', { class: 'name', text: file.path }), h('span', { class: 'muted small', text: ` ${counted(file.rows, 'row')} searchable` })));
  return h('div', {},
    job.result.comparison ? comparisonOf(job.result.comparison) : null,
    indexed.length ? h('details', { open: indexed.length <= 5 }, h('summary', { text: `${indexed.length} indexed for search` }), h('ul', {}, indexed)) : null,
    outputs.length ? h('details', { open: job.result.outputs.length <= 5 }, h('summary', { text: `${outputs.length} written` }), h('ul', {}, outputs)) : null,
    failed.length ? h('details', { open: true, class: 'failures' }, h('summary', { text: `${failed.length} failed` }), h('ul', {}, failed)) : null);
}

const COMPARISON_COUNTS = ['added', 'removed', 'changed', 'unchanged'];

/** What a comparison found: the counts per kind, and the columns only one side has (not compared). */
function comparisonOf(comparison) {
  const onlyOn = (side, columns) => columns && columns.length
    ? h('details', { class: 'small', 'data-only': side },
      h('summary', { text: `${counted(columns.length, 'column')} only on the ${side} (not compared)` }),
      h('ul', {}, columns.map((column) => h('li', { text: column })))) : null;
  const duplicates = (comparison.duplicate_keys_left || 0) + (comparison.duplicate_keys_right || 0);
  return h('div', { class: 'comparison' },
    h('dl', { class: 'counts' }, COMPARISON_COUNTS.map((kind) => h('div', { class: 'count-' + kind },
      h('dt', { text: kind }), h('dd', { 'data-count': kind, text: String(comparison[kind] ?? 0) })))),
    onlyOn('left', comparison.columns_only_left),
    onlyOn('right', comparison.columns_only_right),
    duplicates ? h('p', { class: 'small message', text: `${duplicates} duplicated keys not paired (e.g. ${(comparison.duplicate_key_examples || []).join('; ')})` }) : null);
}

function jobItem(job) {
  const active = job.status === 'queued' || job.status === 'running';
  const cancel = async () => {
    try {
      await api.del('/api/jobs/' + job.id);
    } catch (error) {
      say(byId('notice'), explain(error));
    }
    poll();
  };
  return h('li', { class: 'job status-' + job.status, 'data-job': job.id, 'data-type': job.type, 'data-status': job.status },
    h('div', { class: 'job-head' },
      h('strong', { text: job.type }),
      h('span', { class: 'badge', text: job.status }),
      h('time', { class: 'muted small', datetime: job.created_at, text: when(job.created_at) }),
      active ? h('button', { type: 'button', class: 'danger', text: 'Cancel', 'aria-label': 'Cancel job ' + job.id, onclick: cancel }) : null),
    progressOf(job),
    resultOf(job));
}

/**
 * Updates the list in place while it holds the same jobs, so that a job's Cancel button (and the
 * keyboard focus on it) survives the polling; a job whose status changed is drawn anew.
 */
function render(jobs) {
  const list = byId('jobs');
  const shown = [...list.querySelectorAll('li.job')];
  const sameJobs = shown.length === jobs.length && shown.every((item, index) => item.dataset.job === jobs[index].id);
  if (!sameJobs) {
    list.replaceChildren(...(jobs.length ? jobs.map(jobItem) : [h('li', { class: 'muted', text: 'No jobs yet.' })]));
    return;
  }
  jobs.forEach((job, index) => {
    if (shown[index].dataset.status === job.status) {
      shown[index].querySelector('.job-progress').replaceWith(progressOf(job));
    } else {
      shown[index].replaceWith(jobItem(job));
    }
  });
}

async function poll() {
  clearTimeout(timer);
  let jobs;
  try {
    jobs = (await api.get('/api/jobs')).jobs;
  } catch (error) {
    if (error.status !== 401) {
      say(byId('notice'), explain(error));
      timer = setTimeout(poll, (error.retryAfterSeconds || 5) * 1000);
    }
    return;
  }
  render(jobs);
  let newlyFinished = false;
  for (const job of jobs) {
    if (!['queued', 'running'].includes(job.status) && !finished.has(job.id)) {
      finished.add(job.id);
      newlyFinished = true;
    }
  }
  if (newlyFinished) {
    onFinished();
  }
  if (jobs.some((job) => job.status === 'queued' || job.status === 'running')) {
    timer = setTimeout(poll, POLL_MS);
  }
}

export function watchJob() {
  poll();
}

export function startJobs(refreshFiles) {
  onFinished = refreshFiles;
  finished.clear();
  poll();
}

export function stopJobs() {
  clearTimeout(timer);
}
