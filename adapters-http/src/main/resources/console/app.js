import * as api from './api.js';
import { byId, h, show, say, explain, minutesLeft, bytes } from './dom.js';
import { startWorkspace, stopWorkspace } from './workspace.js';
import { loadState } from './state.js';
import { startAdmin, stopAdmin } from './admin.js';

const CLOCK_REFRESH_MS = 60_000;
let clockTimer = null;
let throttleTimer = null;

function showLogin(message) {
  stopWorkspace();
  stopAdmin();
  clearInterval(clockTimer);
  show(byId('app-view'), false);
  show(byId('account'), false);
  show(byId('login-view'));
  say(byId('login-message'), message);
  byId('username').focus();
}

async function showApp() {
  show(byId('login-view'), false);
  show(byId('logout-report'), false);
  show(byId('account'));
  show(byId('app-view'));
  byId('who').textContent = `${api.account.user.username} (${api.account.user.role})`;
  show(byId('admin-tab'), api.account.user.role === 'admin');
  selectView('workspace-view');
  await updateClock();
  clearInterval(clockTimer);
  clockTimer = setInterval(updateClock, CLOCK_REFRESH_MS);
  startWorkspace();
}

async function updateClock() {
  try {
    const me = await api.get('/api/auth/me');
    const ends = [me.idle_expires_at, me.absolute_expires_at].sort()[0];
    byId('session-clock').textContent = 'session ends in ' + minutesLeft(ends);
  } catch {
    // The next action shows why (an ended session returns to the login form).
  }
}

function selectView(id) {
  for (const tab of document.querySelectorAll('nav.tabs button')) {
    const selected = tab.dataset.view === id;
    if (selected) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
    show(byId(tab.dataset.view), selected);
  }
  if (id === 'state-view') {
    loadState();
  }
  if (id === 'admin-view') {
    startAdmin();
  } else {
    stopAdmin();
  }
}

/** Shows the wait of a throttled login counting down, with the button disabled until it is over. */
function countDown(button, seconds) {
  clearInterval(throttleTimer);
  let left = seconds;
  const tick = () => {
    if (left <= 0) {
      clearInterval(throttleTimer);
      button.disabled = false;
      say(byId('login-message'), '');
      return;
    }
    say(byId('login-message'), `Too many failed attempts. Try again in ${left} s.`);
    left--;
  };
  button.disabled = true;
  tick();
  throttleTimer = setInterval(tick, 1000);
}

async function submitLogin(event) {
  event.preventDefault();
  const button = byId('login-button');
  const username = byId('username').value.trim();
  const password = byId('password').value;
  if (!username || !password) {
    say(byId('login-message'), 'Enter your user name and password.');
    return;
  }
  button.disabled = true;
  try {
    await api.login(username, password);
  } catch (error) {
    if (error.status === 429 && error.retryAfterSeconds) {
      countDown(button, error.retryAfterSeconds);
      return;
    }
    button.disabled = false;
    say(byId('login-message'), error.status === 401 ? 'Wrong user name or password.' : explain(error));
    return;
  }
  button.disabled = false;
  byId('password').value = '';
  say(byId('login-message'), '');
  await showApp();
}

/** The logout body repeats index_rows under the name contract v1 gave it; a person needs it once. */
const ALIAS_OF_INDEX_ROWS = 'index_documents';

async function logOut() {
  try {
    const ended = await api.logout();
    const removed = byId('removed');
    removed.replaceChildren(...Object.entries(ended.removed).filter(([what]) => what !== ALIAS_OF_INDEX_ROWS).flatMap(([what, count]) => [
      h('dt', { text: what.replaceAll('_', ' ') }),
      h('dd', { text: what.endsWith('bytes') ? bytes(count) : String(count), 'data-removed': what }),
    ]));
    show(byId('logout-report'));
    showLogin('');
  } catch (error) {
    say(byId('notice'), explain(error));
  }
}

function init() {
  byId('login-form').addEventListener('submit', submitLogin);
  byId('logout').addEventListener('click', logOut);
  for (const tab of document.querySelectorAll('nav.tabs button')) {
    tab.addEventListener('click', () => selectView(tab.dataset.view));
  }
  api.onSessionEnded(() => showLogin('Your session has ended. Please log in again.'));
  api.refresh().then((live) => (live ? showApp() : showLogin('')), () => showLogin(''));
}

init();
