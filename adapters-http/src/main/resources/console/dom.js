// Builds elements from data with text nodes only: nothing the API returns is ever parsed as HTML.

export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  apply(element, props);
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  element.append(...children);
  return element;
}

function apply(element, props) {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'text') {
      element.textContent = value;
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name in element && typeof element[name] === 'boolean') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
}

export const byId = (id) => document.getElementById(id);

export function show(element, visible = true) {
  element.hidden = !visible;
}

export function say(element, text) {
  element.textContent = text || '';
  element.hidden = !text;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "1 row", "2 rows": a count with its noun in the number it takes. */
export function counted(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

export function bytes(count) {
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)) + ' ' + UNITS[unit];
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function minutesLeft(iso) {
  const minutes = Math.max(0, Math.round((new Date(iso) - Date.now()) / 60_000));
  return minutes >= 120 ? Math.round(minutes / 60) + ' h' : minutes + ' min';
}

/** A message for a failed call: the API's detail, and how long to wait when throttled. */
export function explain(error) {
  if (error.status === 429 && error.retryAfterSeconds) {
    return `${error.message} Try again in ${error.retryAfterSeconds} s.`;
  }
  return error.message;
}

export function table(headers, rows, caption) {
  return h('table', {},
    caption ? h('caption', { class: 'visually-hidden', text: caption }) : null,
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col', text: header })))),
    h('tbody', {}, rows));
}
