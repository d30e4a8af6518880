// The operator page's shared script (an ES module, no build step). A view's script imports what it needs:
//   import { registerView, api, format, h, currentUser } from '/ui/app.js';
// and registers itself under the id of its PageView bean. The shell renders the tabs; this module switches them
// (mouse or keyboard), and refreshes the visible view every POLL_MS while the browser shows the page.

export const POLL_MS = 2000;

/** A failed API call; its problem detail has already been shown to the user. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// ---- messages -------------------------------------------------------------------------------------------------

const messageBox = () => document.getElementById('message');

/** Shows text in the page's alert line; kind 'error' (default) or 'info'. */
export function showMessage(text, kind = 'error', source = 'page') {
  const box = messageBox();
  if (!box) return;
  box.replaceChildren(h('span', { text }), h('button', {
    type: 'button', class: 'close', 'aria-label': 'Dismiss message', text: '×', onclick: clearMessage,
  }));
  box.className = `message ${kind}`;
  box.dataset.source = source;
  box.hidden = false;
}

export function clearMessage() {
  const box = messageBox();
  if (box) {
    box.hidden = true;
    box.replaceChildren();
    delete box.dataset.source;
  }
}

// ---- API calls ------------------------------------------------------------------------------------------------

async function request(method, url, body) {
  const headers = {
    Accept: 'application/json, application/problem+json',
    // The API's CSRF check (any value); a form on another site cannot send it.
    'X-Requested-By': 'page',
    // The API then answers 401 without the Basic challenge, so no browser login dialog pops up.
    'X-Requested-With': 'XMLHttpRequest',
  };
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    showMessage(`The service does not answer (${e.message}).`, 'error', method);
    throw new ApiError(0, { detail: e.message });
  }
  const payload = await readBody(response);
  if (!response.ok) {
    const problem = payload && typeof payload === 'object' ? payload : { detail: payload || response.statusText };
    const text = response.status === 401
      ? 'Your session has ended: reload the page to log in again.'
      : (problem.detail || problem.title || `HTTP ${response.status}`);
    showMessage(text, 'error', method);
    throw new ApiError(response.status, problem);
  }
  const box = messageBox();
  if (box && box.dataset.source === method) clearMessage(); // the same kind of call works again
  return payload;
}

async function readBody(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) return response.json();
  const text = await response.text();
  return text === '' ? null : text;
}

/** JSON API calls with the page's session; a failure shows its problem detail and rejects with ApiError. */
export const api = {
  get: (url) => request('GET', url),
  post: (url, body) => request('POST', url, body),
};

// ---- formatting -----------------------------------------------------------------------------------------------

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const pad = (n) => String(n).padStart(2, '0');
const toDate = (value) => (value instanceof Date ? value : new Date(value));

export const format = {
  /** 1536 → "1.5 KiB", 3221225472 → "3.0 GiB" (binary units). */
  bytes(n) {
    if (n == null || Number.isNaN(Number(n))) return '';
    let value = Number(n);
    let unit = 0;
    while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit === 0) return `${value} B`;
    return `${Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
  },
  /** An instant (ISO string, Date or epoch ms) as "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
  age(instant, now = Date.now()) {
    if (instant == null) return '';
    const seconds = Math.floor((toDate(now).getTime() - toDate(instant).getTime()) / 1000);
    if (seconds < 5) return 'just now';
    if (seconds < 60) return `${seconds} s ago`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
    if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
    return `${Math.floor(seconds / 86400)} d ago`;
  },
  /** An instant in the browser's local time: "2026-12-03 07:04:05". */
  instant(instant) {
    if (instant == null) return '';
    const d = toDate(instant);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
      + ` ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  },
};

// ---- DOM ------------------------------------------------------------------------------------------------------

/**
 * Builds an element without HTML parsing (so data never becomes markup): h('td', {class: 'num'}, '42').
 * Attributes: text sets the text, on<event> functions become listeners, true/false/null toggle the attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') element.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value != null) element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child != null) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** The signed-in user, from the shell's body: { name, role, isOperator }. */
export function currentUser() {
  const { user, role } = document.body.dataset;
  return { name: user, role, isOperator: role === 'operator' };
}

// ---- views and tabs -------------------------------------------------------------------------------------------

const views = new Map();
let active = null;
let timer = null;
let generation = 0; // a newer generation stops the polling loop of an older one

const tabs = () => [...document.querySelectorAll('[role="tab"][data-view]')];
const panel = (id) => document.getElementById(`view-${id}`);

/**
 * Registers the view of a PageView bean. view is either a function refresh(element) or an object
 * { render(element), refresh(element) }: render runs once, when the view is first shown; refresh when it is
 * shown and then every POLL_MS while it stays visible. Either may return a promise; polling waits for it.
 */
export function registerView(id, view) {
  const entry = typeof view === 'function' ? { refresh: view } : { ...view };
  if (!panel(id)) throw new Error(`no PageView bean has the id '${id}'`);
  views.set(id, { ...entry, rendered: false });
  if (id === active) restart();
}

async function tick(gen) {
  if (gen !== generation || document.visibilityState !== 'visible') return;
  const view = views.get(active);
  const element = panel(active);
  if (view && element) {
    try {
      if (!view.rendered) {
        view.rendered = true;
        element.replaceChildren();
        if (view.render) await view.render(element);
      }
      if (view.refresh) await view.refresh(element);
    } catch (e) {
      if (!(e instanceof ApiError)) showMessage(`The view failed: ${e.message}`);
    }
  }
  if (gen === generation && view?.refresh) timer = setTimeout(() => tick(gen), POLL_MS);
}

function restart() {
  generation++;
  clearTimeout(timer);
  tick(generation);
}

function activate(id, focus) {
  for (const tab of tabs()) {
    const selected = tab.dataset.view === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    panel(tab.dataset.view).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  active = id;
  history.replaceState(null, '', `${location.pathname}#${id}`); // drops the login's ?continue
  restart();
}

function onTabKey(event) {
  const all = tabs();
  const index = all.indexOf(event.target);
  if (index < 0) return;
  const next = {
    ArrowRight: (index + 1) % all.length,
    ArrowLeft: (index - 1 + all.length) % all.length,
    Home: 0,
    End: all.length - 1,
  }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  activate(all[next].dataset.view, true);
}

function start() {
  const all = tabs();
  if (all.length === 0) return;
  for (const tab of all) tab.addEventListener('click', () => activate(tab.dataset.view, false));
  document.querySelector('[role="tablist"]').addEventListener('keydown', onTabKey);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') restart();
    else { generation++; clearTimeout(timer); }
  });
  const wanted = location.hash.slice(1);
  activate(all.some((t) => t.dataset.view === wanted) ? wanted : all[0].dataset.view, false);
}

start();
