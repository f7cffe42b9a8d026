// A small renderer of the served OpenAPI document: every operation with its parameters,
// request body and responses (the shape of success bodies; errors are all the Problem of the
// introduction). Text only: the document is data, never markup.
import { byId, h } from './dom.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const MAX_SCHEMA_DEPTH = 6;
let documentRoot = {};

function resolve(node) {
  let resolved = node;
  for (let hops = 0; resolved && resolved.$ref && hops < 10; hops++) {
    resolved = resolved.$ref.replace(/^#\//, '').split('/').reduce((at, key) => (at ? at[key] : undefined), documentRoot);
  }
  return resolved || {};
}

function typeOf(schema) {
  if (schema.enum) {
    return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type || (schema.oneOf ? 'one of' : 'any');
  return type === 'array' ? `array of ${typeOf(resolve(schema.items || {}))}` : type + (schema.format ? ` (${schema.format})` : '');
}

function schemaTree(raw, depth = 0) {
  const schema = resolve(raw);
  const properties = schema.type === 'array' ? resolve(schema.items || {}).properties : schema.properties;
  const required = new Set((schema.type === 'array' ? resolve(schema.items || {}).required : schema.required) || []);
  if (!properties || depth >= MAX_SCHEMA_DEPTH) {
    return h('span', { class: 'type', text: typeOf(schema) });
  }
  return h('div', { class: 'schema' },
    h('span', { class: 'type', text: typeOf(schema) }),
    h('ul', {}, Object.entries(properties).map(([name, property]) => h('li', {},
      h('code', { text: name + (required.has(name) ? '' : '?') }), ' ',
      schemaTree(property, depth + 1),
      resolve(property).description ? h('span', { class: 'muted small', text: ' — ' + resolve(property).description }) : null))));
}

function parameters(operation, pathItem) {
  const all = [...(pathItem.parameters || []), ...(operation.parameters || [])].map(resolve);
  if (all.length === 0) {
    return null;
  }
  return [h('h3', { text: 'Parameters' }), h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'In', 'Type', 'Description'].map((title) => h('th', { scope: 'col', text: title })))),
    h('tbody', {}, all.map((parameter) => h('tr', {},
      h('td', {}, h('code', { text: parameter.name + (parameter.required ? '' : '?') })),
      h('td', { text: parameter.in }),
      h('td', { text: typeOf(resolve(parameter.schema || {})) }),
      h('td', { text: parameter.description || '' })))))];
}

function body(operation) {
  const request = resolve(operation.requestBody || {});
  if (!request.content) {
    return null;
  }
  return [h('h3', { text: 'Request body' }), Object.entries(request.content).map(([type, media]) =>
    h('div', {}, h('code', { text: type }), media.schema ? schemaTree(media.schema) : null))];
}

function responses(operation) {
  return [h('h3', { text: 'Responses' }), h('table', { class: 'responses' },
    h('tbody', {}, Object.entries(operation.responses || {}).map(([status, raw]) => {
      const response = resolve(raw);
      const json = response.content && (response.content['application/json'] || response.content['application/problem+json']);
      const success = Number(status) < 400;
      return h('tr', {}, h('td', { text: status }), h('td', {}, h('span', { text: response.description || '' }),
        success && json && json.schema ? schemaTree(json.schema) : null));
    })))];
}

function anchor(method, path) {
  return (method + path).replace(/[^A-Za-z0-9]+/g, '-');
}

function render(openapi) {
  documentRoot = openapi;
  byId('docs-intro').textContent = `${openapi.info.title} ${openapi.info.version} — OpenAPI ${openapi.openapi}. ${openapi.info.description || ''}`;
  const operations = Object.entries(openapi.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, item, operation: item[method] })));
  byId('docs-index').replaceChildren(h('ul', {}, operations.map(({ path, method, operation }) =>
    h('li', {}, h('a', { href: '#' + anchor(method, path), text: `${method.toUpperCase()} ${path}` }), h('span', { class: 'muted small', text: ' ' + (operation.summary || '') })))));
  byId('docs-operations').replaceChildren(...operations.map(({ path, method, item, operation }) =>
    h('section', { class: 'card operation', id: anchor(method, path) },
      h('h2', {}, h('span', { class: 'method method-' + method, text: method }), h('code', { text: path }), h('span', { text: operation.summary || '' })),
      operation.description ? h('p', { text: operation.description }) : null,
      parameters(operation, item),
      body(operation),
      responses(operation))));
}

fetch('/api/openapi.json')
  .then((response) => response.json())
  .then(render)
  .catch(() => { byId('docs-intro').textContent = 'The OpenAPI document could not be loaded.'; });
