import * as api from './api.js';
import { byId, h, say, explain, when, bytes, table } from './dom.js';
import { sparkline } from './charts.js';

const DASHBOARD_POLL_MS = 3000;
const SAMPLES_KEPT = 60;
let timer = null;
let samples = [];
let wired = false;

async function loadUsers() {
  try {
    const users = (await api.get('/api/admin/users')).users;
    byId('users').replaceChildren(table(['User', 'Role', 'State', 'Created', 'Actions'], users.map(userRow), 'Users'));
  } catch (error) {
    say(byId('users-message'), explain(error));
  }
}

function userRow(user) {
  const name = encodeURIComponent(user.username);
  const act = (action) => async () => {
    say(byId('users-message'), '');
    try {
      await action();
    } catch (error) {
      say(byId('users-message'), explain(error));
    }
    loadUsers();
    loadSessions();
  };
  const resetField = h('input', { type: 'password', autocomplete: 'new-password', 'aria-label': 'New password for ' + user.username, placeholder: 'new password' });
  const reset = act(async () => {
    await api.put(`/api/admin/users/${name}/password`, { password: resetField.value });
    say(byId('users-message'), `Password of ${user.username} changed.`);
  });
  return h('tr', { 'data-user': user.username },
    h('td', { text: user.username }),
    h('td', { text: user.role }),
    h('td', { text: user.enabled ? 'enabled' : 'disabled' }),
    h('td', { text: when(user.created_at) }),
    h('td', { class: 'row-actions' },
      user.enabled
        ? h('button', { type: 'button', class: 'danger', text: 'Disable', 'aria-label': 'Disable ' + user.username, onclick: act(() => api.post(`/api/admin/users/${name}/disable`)) })
        : h('button', { type: 'button', text: 'Enable', 'aria-label': 'Enable ' + user.username, onclick: act(() => api.post(`/api/admin/users/${name}/enable`)) }),
      resetField,
      h('button', { type: 'button', text: 'Reset password', 'aria-label': 'Reset the password of ' + user.username, onclick: reset })));
}

async function addUser(event) {
  event.preventDefault();
  try {
    await api.post('/api/admin/users', { username: byId('new-username').value.trim(), password: byId('new-password').value, role: byId('new-role').value });
    byId('add-user-form').reset();
    say(byId('users-message'), '');
  } catch (error) {
    say(byId('users-message'), explain(error));
  }
  loadUsers();
}

async function loadSessions() {
  try {
    const sessions = (await api.get('/api/admin/sessions')).sessions;
    byId('sessions').replaceChildren(table(['User', 'Started', 'Last seen', 'Files', 'Actions'], sessions.map((session) => h('tr', { 'data-session': session.session_id },
      h('td', { text: session.username }),
      h('td', { text: when(session.created_at) }),
      h('td', { text: when(session.last_seen_at) }),
      h('td', { text: `${session.files} (${bytes(session.bytes)})` }),
      h('td', {}, session.session_id === api.account.sessionId
        ? h('span', { class: 'muted small', text: 'this session' })
        : h('button', { type: 'button', class: 'danger', text: 'End session', 'aria-label': `End the session of ${session.username}`, onclick: () => endSession(session) })))), 'Active sessions'));
  } catch (error) {
    byId('sessions').replaceChildren(h('p', { class: 'message', text: explain(error) }));
  }
}

async function endSession(session) {
  try {
    const ended = await api.del('/api/admin/sessions/' + encodeURIComponent(session.session_id));
    say(byId('notice'), `Ended the session of ${session.username}: ${ended.removed.files} files removed.`);
  } catch (error) {
    say(byId('notice'), explain(error));
  }
  loadSessions();
}

async function loadJobs() {
  const status = byId('job-status-filter').value;
  try {
    const jobs = (await api.get('/api/admin/jobs' + (status ? '?status=' + status : ''))).jobs;
    byId('all-jobs').replaceChildren(jobs.length === 0
      ? h('p', { class: 'muted', text: 'No jobs.' })
      : table(['User', 'Type', 'Status', 'Progress', 'Created'], jobs.map((job) => h('tr', {},
        h('td', { text: job.username }),
        h('td', { text: job.type }),
        h('td', { text: job.status }),
        h('td', {}, h('progress', { max: '100', value: String(job.progress.percent), 'aria-label': 'Progress' }), ` ${job.progress.done}/${job.progress.total}`),
        h('td', { text: when(job.created_at) }))), 'Jobs of all sessions'));
  } catch (error) {
    byId('all-jobs').replaceChildren(h('p', { class: 'message', text: explain(error) }));
  }
}

const perSecond = (value) => value.toFixed(value < 10 ? 2 : 0) + '/s';
const percent = (value) => Math.round(value * 100) + ' %';
const whole = (value) => String(Math.round(value));

function rate(select) {
  return samples.slice(1).map((sample, index) => {
    const previous = samples[index];
    const seconds = (sample.at - previous.at) / 1000;
    return seconds > 0 ? Math.max(0, select(sample.figures) - select(previous.figures)) / seconds : 0;
  });
}

function hitRate(tier) {
  return samples.slice(1).map((sample, index) => {
    const previous = samples[index].figures.cache[tier];
    const now = sample.figures.cache[tier];
    const reads = now.hits - previous.hits + now.misses - previous.misses;
    return reads > 0 ? (now.hits - previous.hits) / reads : 0;
  });
}

function drawDashboard() {
  const level = (select) => samples.map((sample) => select(sample.figures));
  byId('charts').replaceChildren(
    sparkline('Requests', rate((f) => f.requests.total), perSecond),
    sparkline('4xx responses', rate((f) => f.requests.client_errors), perSecond),
    sparkline('5xx responses', rate((f) => f.requests.server_errors), perSecond),
    sparkline('429 refusals', rate((f) => f.rate_limited.api + f.rate_limited.login), perSecond),
    sparkline('Memory cache hit rate', hitRate('memory'), percent),
    sparkline('SQLite cache hit rate', hitRate('sqlite'), percent),
    sparkline('Queued jobs', level((f) => f.jobs.queued), whole),
    sparkline('Running jobs', level((f) => f.jobs.running), whole),
    sparkline('Active sessions', level((f) => f.sessions_active), whole));
}

async function sampleDashboard() {
  try {
    const figures = await api.get('/api/admin/metrics');
    samples = [...samples, { at: Date.now(), figures }].slice(-SAMPLES_KEPT);
    drawDashboard();
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      return;
    }
    say(byId('notice'), explain(error));
  }
  timer = setTimeout(sampleDashboard, DASHBOARD_POLL_MS);
}

export function startAdmin() {
  if (!wired) {
    byId('add-user-form').addEventListener('submit', addUser);
    byId('refresh-sessions').addEventListener('click', loadSessions);
    byId('job-status-filter').addEventListener('change', loadJobs);
    wired = true;
  }
  clearTimeout(timer);
  samples = [];
  sampleDashboard();
  loadUsers();
  loadSessions();
  loadJobs();
}

export function stopAdmin() {
  clearTimeout(timer);
}
