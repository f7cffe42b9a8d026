// The public API as the console uses it. The access token lives in this module's memory only;
// the refresh cookie (HttpOnly) is what keeps a person logged in across a reload.

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || 'http_' + status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const REFRESH_BEFORE_EXPIRY = 0.8;
let accessToken = null;
let refreshTimer = null;
let refreshing = null;
const endedListeners = [];

export const account = { user: null, sessionId: null };

export function onSessionEnded(listener) {
  endedListeners.push(listener);
}

function adopt(grant) {
  accessToken = grant.access_token;
  account.user = grant.user;
  account.sessionId = grant.session_id;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), grant.expires_in * 1000 * REFRESH_BEFORE_EXPIRY);
}

function forget() {
  accessToken = null;
  account.user = null;
  account.sessionId = null;
  clearTimeout(refreshTimer);
}

async function problemOf(response) {
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText };
  }
  return new ApiError(response.status, problem, retryAfter);
}

export async function login(username, password) {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  adopt(await response.json());
}

/** How long a tab waits before it tries the cookie another tab's refresh has just replaced. */
const SUPERSEDED_RETRY_MS = 500;

function exchangeCookie() {
  return fetch('/api/auth/refresh', { method: 'POST' }).then(async (response) => {
    if (!response.ok) {
      return false;
    }
    adopt(await response.json());
    return true;
  });
}

/**
 * Trades the refresh cookie for a new access token; false when there is no live session. A tab that
 * was logged in tries once more after a 401: another tab may have rotated the same cookie a moment
 * before (the session goes on, and the cookie jar now holds the successor).
 */
export function refresh() {
  if (!refreshing) {
    const wasLoggedIn = accessToken !== null;
    refreshing = exchangeCookie()
      .then((live) => live || !wasLoggedIn ? live
        : new Promise((resolve) => setTimeout(resolve, SUPERSEDED_RETRY_MS)).then(exchangeCookie))
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

export async function logout() {
  const body = await json('POST', '/api/auth/logout');
  forget();
  return body;
}

async function send(method, path, init = {}, retried = false) {
  const headers = { ...(init.headers || {}) };
  if (accessToken) {
    headers.Authorization = 'Bearer ' + accessToken;
  }
  const response = await fetch(path, { ...init, method, headers });
  if (response.status === 401 && !retried) {
    if (await refresh()) {
      return send(method, path, init, true);
    }
    forget();
    endedListeners.forEach((listener) => listener());
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

export async function json(method, path, body) {
  const init = body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const response = await send(method, path, init);
  return response.status === 204 || response.headers.get('Content-Length') === '0' ? null : response.json();
}

export const get = (path) => json('GET', path);
export const post = (path, body) => json('POST', path, body);
export const put = (path, body) => json('PUT', path, body);
export const del = (path) => json('DELETE', path);

/** Saves a file of the workspace (or a ZIP of many) through the browser's download. */
export async function download(path, fileName) {
  const response = await send('GET', path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const UPLOAD_TYPES = { zip: 'application/zip', xml: 'application/xml' };

/** POSTs one file's raw bytes, reporting bytes sent; resolves with the upload body, rejects with an ApiError. */
export function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/files?name=' + encodeURIComponent(file.name));
    request.setRequestHeader('Authorization', 'Bearer ' + accessToken);
    const extension = file.name.split('.').pop().toLowerCase();
    request.setRequestHeader('Content-Type', UPLOAD_TYPES[extension] || 'application/octet-stream');
    request.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    request.addEventListener('load', () => {
      let body = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = { title: request.statusText };
      }
      if (request.status === 201) {
        onProgress(file.size, file.size);
        resolve(body);
      } else {
        if (request.status === 401) {
          endedListeners.forEach((listener) => listener());
        }
        reject(new ApiError(request.status, body, Number(request.getResponseHeader('Retry-After')) || null));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, { title: 'The upload was interrupted.' }, null)));
    request.send(file);
  });
}

export const encodePath = (path) => path.split('/').map(encodeURIComponent).join('/');
