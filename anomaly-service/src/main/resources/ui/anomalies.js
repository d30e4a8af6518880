// The Anomalies tab of the operator page: what the anomaly service found, newest first, filtered and paged by the
// API; operators acknowledge them. A path opens its history: a chart of its sizes over time and its transfers.
// Paths are hostile input (anyone who can write to the source names them): every text goes in as text, through h()
// or textContent, and the chart is built with createElementNS, never from markup.
import { registerView, api, format, h, currentUser, showMessage, ApiError } from '/ui/app.js';

const BASE = '/api/anomalies';
const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'];
const SEVERITY_BADGE = { INFO: 'info', WARNING: 'warn', CRITICAL: 'fail' };
const STATUS_BADGE = { SUCCEEDED: 'ok', SKIPPED: '', FAILED: 'fail' };
const OUTCOME_BADGE = { REQUESTED: 'warn', APPROVED: 'ok', REJECTED: 'fail', EXPIRED: '', SUPERSEDED: '' };
const PAGE_SIZES = [10, 25, 50, 100];
const SVG = 'http://www.w3.org/2000/svg';
/** Sizes whose largest is at least this many times the smallest are drawn on a log scale. */
const LOG_SPAN = 100;

function badge(value, kinds) {
  return h('span', { class: `badge ${kinds[value] ?? ''}`.trim(), 'data-value': value, text: value });
}

/** Sets a cell's text only when it changed (no flicker, no lost selection). */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Milliseconds as "900 ms", "12.3 s", "4 min 5 s". */
function duration(ms) {
  if (ms == null) return '';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

// ---- the list -------------------------------------------------------------------------------------------------

/** A path as code, with a line break allowed after each "/" (and nowhere else), built from text nodes. */
function pathCode(path) {
  const code = h('code');
  path.split('/').forEach((part, i, parts) => {
    code.append(part);
    if (i < parts.length - 1) code.append('/', h('wbr'));
  });
  return code;
}

/** Runs an action started by a click: a failed API call has shown its problem already, anything else is shown. */
function run(promise) {
  promise.catch((e) => { if (!(e instanceof ApiError)) showMessage(`The view failed: ${e.message}`); });
}

function listRow(a, operator, actions) {
  // A scan's anomaly is about the whole source (path ""): it has no file history to open.
  const path = a.path === '' ? h('span', { class: 'muted', text: '(the whole source)' })
    : h('button', {
      type: 'button', class: 'link path-link', title: `History of ${a.path}`,
      onclick: (event) => actions.open(a.path, event.currentTarget),
    }, pathCode(a.path));
  const row = h('tr', { 'data-anomaly-id': a.id, 'data-detected-at': a.detectedAt },
    h('td', { class: 'detected', text: format.instant(a.detectedAt), title: a.detectedAt }),
    h('td', { class: 'type' }, h('code', { text: a.type })),
    h('td', { class: 'severity' }, badge(a.severity, SEVERITY_BADGE)),
    h('td', { class: 'path' }, path),
    h('td', { class: 'what', text: a.message }),
    h('td', { class: 'acknowledged' }));
  if (operator) {
    const button = h('button', {
      type: 'button', name: 'acknowledge', text: 'Acknowledge', 'aria-label': `Acknowledge ${a.type} of ${a.path}`,
      onclick: () => run(actions.acknowledge(a, button)),
    });
    row.append(h('td', { class: 'actions operator-only' }, button));
  }
  return row;
}

function updateRow(row, a) {
  setText(row.querySelector('.acknowledged'), a.acknowledgedAt
    ? `${a.acknowledgedBy}, ${format.instant(a.acknowledgedAt)}` : '');
  row.classList.toggle('done', a.acknowledgedAt != null);
  const button = row.querySelector('button[name=acknowledge]');
  if (button) {
    const hide = a.acknowledgedAt != null;
    if (hide && !button.hidden && button.contains(document.activeElement)) row.querySelector('.path-link')?.focus();
    button.hidden = hide;
  }
}

/** Adds, updates and removes the rows of tbody so they follow items, in order. */
function sync(tbody, items, create) {
  const existing = new Map([...tbody.querySelectorAll(':scope > tr[data-anomaly-id]')]
    .map((row) => [row.dataset.anomalyId, row]));
  let previous = null;
  for (const item of items) {
    let row = existing.get(item.id);
    existing.delete(item.id);
    if (!row) row = create(item);
    updateRow(row, item);
    const wanted = previous ? previous.nextSibling : tbody.firstChild;
    if (row !== wanted) tbody.insertBefore(row, wanted);
    previous = row;
  }
  for (const row of existing.values()) row.remove();
}

function field(id, label, control) {
  return h('span', { class: 'field' }, h('label', { for: id, text: label }), control);
}

function select(id, name, options) {
  return h('select', { id, name }, options.map(([value, text]) => h('option', { value, text })));
}

// ---- the history: a chart of the sizes, a table of the transfers ----------------------------------------------

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) if (child != null) element.append(child);
  return element;
}

/** The y ticks: each binary unit (1 KiB, 1 MiB, ...) within the range on a log scale, else 0, half and the top. */
function ticks(min, max, log) {
  if (!log) return max === 0 ? [0] : [0, max / 2, max];
  const found = [];
  for (let t = 1; t <= max; t *= 1024) if (t >= min) found.push(t);
  if (found[0] !== min) found.unshift(min);
  if (found[found.length - 1] !== max) found.push(max);
  return found;
}

/**
 * A path's sizes over time: one point per version (x the time it was first seen, y its size), joined by a line;
 * a log scale when the sizes span orders of magnitude, so a 1 KiB file that became 1 GiB still shows its history.
 */
function sizeChart(path, versions) {
  const width = 720;
  const height = 260;
  const m = { left: 84, right: 24, top: 16, bottom: 44 };
  const points = versions.map((v) => ({ t: Date.parse(v.seenAt), size: v.size, seenAt: v.seenAt }))
    .sort((x, y) => x.t - y.t);
  const sizes = points.map((p) => p.size);
  const min = Math.min(...sizes);
  const max = Math.max(...sizes);
  const log = min > 0 && max / min >= LOG_SPAN;
  const value = (s) => (log ? Math.log10(s) : s);
  const low = log ? value(min) : 0;
  const high = value(max) > low ? value(max) : low + 1;
  const y = (s) => m.top + (height - m.top - m.bottom) * (1 - (value(s) - low) / (high - low));
  const first = points[0].t;
  const last = points[points.length - 1].t;
  const x = (t) => (last === first ? (m.left + width - m.right) / 2
    : m.left + ((width - m.left - m.right) * (t - first)) / (last - first));

  const yTicks = ticks(min, max, log).map((s) => svg('g', { class: 'tick y' },
    svg('line', { x1: m.left - 4, x2: width - m.right, y1: y(s), y2: y(s) }),
    svg('text', { x: m.left - 8, y: y(s), 'text-anchor': 'end', 'dominant-baseline': 'middle', text: format.bytes(s) })));
  const xLabels = [svg('text', {
    class: 'x-label', x: m.left, y: height - m.bottom + 18, 'text-anchor': 'start', text: format.instant(first),
  })];
  if (last !== first) {
    xLabels.push(svg('text', {
      class: 'x-label', x: width - m.right, y: height - m.bottom + 18, 'text-anchor': 'end', text: format.instant(last),
    }));
  }
  const line = svg('polyline', { class: 'line', points: points.map((p) => `${x(p.t)},${y(p.size)}`).join(' ') });
  const dots = points.map((p) => svg('circle', {
    class: 'point', cx: x(p.t), cy: y(p.size), r: 4, 'data-size': p.size, 'data-seen-at': p.seenAt,
  }, svg('title', { text: `${format.bytes(p.size)} (${p.size} bytes), seen ${format.instant(p.seenAt)}` })));
  const scale = log ? 'log scale' : 'linear scale';
  return svg('svg', {
    class: 'size-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-scale': log ? 'log' : 'linear',
    'aria-label': `Sizes of ${path} over time: ${points.length} versions from ${format.bytes(min)} to `
      + `${format.bytes(max)}, ${scale}`,
  },
  svg('g', { class: 'grid' }, yTicks),
  svg('line', { class: 'axis', x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom }),
  svg('line', { class: 'axis', x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom }),
  xLabels,
  svg('text', { class: 'axis-title', x: width - m.right, y: height - 6, 'text-anchor': 'end', text: `first seen (${scale} of sizes)` }),
  line, svg('g', { class: 'points' }, dots));
}

function transfersTable(transfers) {
  if (transfers.length === 0) return h('p', { class: 'empty', text: 'No transfers of this path are recorded.' });
  return h('table', { class: 'data transfers' },
    h('thead', {}, h('tr', {}, [['Finished'], ['Status'], ['Size class'], ['Bytes', 'num'], ['Duration', 'num'],
      ['Attempts', 'num'], ['Resumed from', 'num'], ['Error']].map(([text, cls]) => h('th', { scope: 'col', class: cls, text })))),
    h('tbody', {}, transfers.map((t) => h('tr', {},
      h('td', { class: 'finished', text: format.instant(t.finishedAt) }),
      h('td', { class: 'status' }, badge(t.status, STATUS_BADGE)),
      h('td', { text: t.sizeClass ?? '' }),
      h('td', { class: 'num bytes', text: format.bytes(t.bytes), title: `${t.bytes} bytes` }),
      h('td', { class: 'num', text: duration(t.durationMs) }),
      h('td', { class: 'num', text: String(t.attempts) }),
      h('td', { class: 'num', text: t.resumedFrom ? format.bytes(t.resumedFrom) : '' }),
      h('td', { class: 'error', text: t.error ?? '' })))));
}

/** The history below the list; one path at a time. */
function approvalsTable(approvals) {
  if (approvals.length === 0) return h('p', { class: 'empty', text: 'No approvals of this path are recorded.' });
  return h('table', { class: 'data approvals' },
    h('thead', {}, h('tr', {}, [['When'], ['Outcome'], ['Size', 'num'], ['Strategy'], ['By'], ['Comment']]
      .map(([text, cls]) => h('th', { scope: 'col', class: cls, text })))),
    h('tbody', {}, approvals.map((a) => h('tr', { 'data-approval-id': a.approvalId },
      h('td', { class: 'at', text: format.instant(a.at) }),
      h('td', { class: 'outcome' }, badge(a.outcome, OUTCOME_BADGE)),
      h('td', { class: 'num', text: format.bytes(a.size), title: `${a.size} bytes` }),
      h('td', { class: 'strategy', text: a.strategy ?? '' }),
      h('td', { class: 'by', text: a.decidedBy ?? '' }),
      h('td', { class: 'comment', text: a.comment ?? '' })))));
}

function historySection() {
  let opener = null; // the path's button that opened it: the keyboard focus goes back there on close
  let shown = 0; // the newest path's number: an older path's answer that arrives later is dropped
  const title = h('h2', { id: 'anomaly-history-title', tabindex: '-1' });
  const body = h('div', { class: 'history-body' });
  const hide = () => {
    shown++;
    element.hidden = true;
    body.replaceChildren();
    if (opener?.isConnected) opener.focus();
  };
  const element = h('section', { id: 'anomaly-history', 'aria-labelledby': 'anomaly-history-title', hidden: true },
    h('div', { class: 'row' }, title,
      h('button', { type: 'button', name: 'close-history', text: 'Close history', onclick: hide })),
    body);
  return {
    element,
    async show(path, button) {
      const mine = ++shown;
      opener = button;
      title.replaceChildren('History of ', pathCode(path));
      body.replaceChildren(h('p', { class: 'muted', text: 'Loading…' }));
      element.hidden = false;
      title.focus();
      const history = await api.get(`/api/files/history?path=${encodeURIComponent(path)}`);
      if (mine !== shown) return;
      const versions = history.versions;
      body.replaceChildren(
        h('h3', { text: `Sizes (${versions.length} version${versions.length === 1 ? '' : 's'})` }),
        versions.length === 0
          ? h('p', { class: 'empty', text: 'No versions of this path are recorded (older ones are deleted after the retention).' })
          : h('figure', { class: 'chart' }, sizeChart(path, versions)),
        h('h3', { text: `Transfers (${history.transfers.length})` }),
        transfersTable(history.transfers),
        h('h3', { text: `Approvals (${history.approvals.length})` }),
        approvalsTable(history.approvals));
    },
  };
}

// ---- the view -------------------------------------------------------------------------------------------------

registerView('anomalies', (() => {
  const query = { type: '', severity: '', path: '', acknowledged: '', page: 0, size: 25 };
  let operator;
  let tbody;
  let table;
  let empty;
  let pageText;
  let previous;
  let next;
  let history;
  let asked = 0; // the newest query's number: an older answer that arrives later is dropped

  function url() {
    const params = new URLSearchParams();
    for (const name of ['type', 'severity', 'path', 'acknowledged']) if (query[name] !== '') params.set(name, query[name]);
    params.set('page', String(query.page));
    params.set('size', String(query.size));
    return `${BASE}?${params}`;
  }

  async function load() {
    const mine = ++asked;
    const found = await api.get(url());
    if (mine !== asked) return;
    const pages = Math.max(1, Math.ceil(found.total / query.size));
    if (query.page >= pages) { // the filter or a deletion left fewer pages: show the last one
      query.page = pages - 1;
      await load();
      return;
    }
    sync(tbody, found.items, (a) => listRow(a, operator, actions));
    empty.hidden = found.items.length > 0;
    table.hidden = found.items.length === 0;
    const from = found.total === 0 ? 0 : query.page * query.size + 1;
    setText(pageText, `${from}–${query.page * query.size + found.items.length} of ${found.total}`);
    previous.disabled = query.page === 0;
    next.disabled = query.page + 1 >= pages;
  }

  const actions = {
    open(path, button) {
      run(history.show(path, button));
    },
    async acknowledge(a, button) {
      button.disabled = true;
      try {
        const done = await api.post(`${BASE}/${encodeURIComponent(a.id)}/acknowledge`);
        const row = tbody.querySelector(`tr[data-anomaly-id="${CSS.escape(a.id)}"]`);
        if (row) updateRow(row, done);
        showMessage(`${a.type} of ${a.path || 'the source'}: acknowledged.`, 'info', 'anomalies');
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.status === 409) {
          showMessage(`${a.type} of ${a.path || 'the source'} was already acknowledged by ${e.problem.acknowledgedBy}`
            + ` at ${format.instant(e.problem.acknowledgedAt)}.`, 'error', 'anomalies');
        }
      } finally {
        button.disabled = false;
      }
      await load();
    },
  };

  /** A changed filter starts again at the first page. */
  function filter(name, value) {
    query[name] = value;
    query.page = 0;
    run(load());
  }

  return {
    async render(element) {
      operator = currentUser().isOperator;
      if (!document.querySelector('link[href="/ui/anomalies.css"]')) {
        document.head.append(h('link', { rel: 'stylesheet', href: '/ui/anomalies.css' }));
      }
      // Without the types (the API's problem is shown) the list still works, unfiltered by type.
      const types = await api.get('/api/anomaly-types').catch(() => []);
      const type = select('anomaly-type', 'type', [['', 'All types'], ...types.map((t) => [t, t])]);
      const severity = select('anomaly-severity', 'severity', [['', 'All severities'], ...SEVERITIES.map((s) => [s, s])]);
      const acknowledged = select('anomaly-acknowledged', 'acknowledged',
        [['', 'All'], ['false', 'Not yet'], ['true', 'Acknowledged']]);
      const path = h('input', {
        id: 'anomaly-path', name: 'path', type: 'search', size: 24, autocomplete: 'off', placeholder: 'part of a path',
      });
      const size = select('anomaly-page-size', 'size', PAGE_SIZES.map((n) => [String(n), String(n)]));
      size.value = String(query.size);
      type.addEventListener('change', () => filter('type', type.value));
      severity.addEventListener('change', () => filter('severity', severity.value));
      acknowledged.addEventListener('change', () => filter('acknowledged', acknowledged.value));
      size.addEventListener('change', () => filter('size', Number(size.value)));
      let typing;
      path.addEventListener('input', () => {
        clearTimeout(typing);
        typing = setTimeout(() => filter('path', path.value.trim()), 250);
      });
      const filters = h('form', { class: 'row filters', role: 'search', 'aria-label': 'Filter anomalies' },
        field('anomaly-type', 'Type', type), field('anomaly-severity', 'Severity', severity),
        field('anomaly-path', 'Path contains', path), field('anomaly-acknowledged', 'Acknowledged', acknowledged));
      filters.addEventListener('submit', (event) => {
        event.preventDefault();
        clearTimeout(typing);
        filter('path', path.value.trim());
      });

      tbody = h('tbody');
      table = h('table', { class: 'data anomalies', hidden: true },
        h('thead', {}, h('tr', {}, ['Detected', 'Type', 'Severity', 'Path', 'What', 'Acknowledged',
          ...(operator ? ['Action'] : [])].map((text) => h('th', { scope: 'col', text })))),
        tbody);
      empty = h('p', { class: 'empty', hidden: true, text: 'No anomalies match.' });
      pageText = h('span', { class: 'page-text', 'aria-live': 'polite' });
      const turn = (by) => { query.page = Math.max(0, query.page + by); run(load()); };
      previous = h('button', { type: 'button', name: 'previous', text: '← Newer', onclick: () => turn(-1) });
      next = h('button', { type: 'button', name: 'next', text: 'Older →', onclick: () => turn(1) });
      const pager = h('nav', { class: 'row pager', 'aria-label': 'Pages' }, previous, pageText, next,
        field('anomaly-page-size', 'Per page', size));

      history = historySection();
      const help = h('p', { class: 'muted' }, operator
        ? 'Newest first. A path opens its history; Acknowledge records that you have looked at an anomaly.'
        : 'Newest first. A path opens its history; acknowledging needs the operator role.');
      element.append(help, filters,
        h('section', { id: 'anomaly-list', 'aria-label': 'Anomalies' }, empty, table, pager), history.element);
    },
    refresh: load,
  };
})());
