// The Approvals tab of the operator page: what waits for a decision (with the forms to decide it), what runs (live
// progress), and the recent decisions with their transfer outcome. Rows are kept by approval id and updated in
// place on every poll, so a form being filled in keeps its text and the keyboard focus.
import { registerView, api, format, h, currentUser, showMessage, ApiError } from '/ui/app.js';

const BASE = '/api/approvals';
const DECIDED = ['APPROVED', 'IN_PROGRESS', 'DONE', 'FAILED', 'REJECTED', 'EXPIRED', 'SUPERSEDED'];
const RECENT = 50;
const STRATEGIES = [
  ['CHUNKED', 'CHUNKED (one copy)'],
  ['SPLIT', 'SPLIT (parts + manifest)'],
  ['COMPRESS', 'COMPRESS (gzip)'],
  ['EXTERNAL', 'EXTERNAL (other system)'],
];
/** The only strategy of a file the risk gate held (the API refuses others). */
const HELD_STRATEGY = 'CHUNKED';
const BADGE = {
  PENDING: 'warn', APPROVED: 'warn', IN_PROGRESS: 'warn', DONE: 'ok',
  FAILED: 'fail', REJECTED: 'fail', EXPIRED: '', SUPERSEDED: '',
};

/** Seconds as "45 s", "3 min 20 s", "2 h 5 min". */
function duration(seconds) {
  if (seconds == null) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Bytes as the API reads them back exactly: "1 GiB", "3 MiB", "1500" (never a fraction). */
function sizeInput(bytes) {
  for (const [unit, shift] of [['TiB', 40], ['GiB', 30], ['MiB', 20], ['KiB', 10]]) {
    const size = 2 ** shift;
    if (bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return String(bytes);
}

function strategyText(a) {
  if (!a.strategy) return '';
  return a.strategy === 'SPLIT' && a.partSize ? `SPLIT (${format.bytes(a.partSize)} parts)` : a.strategy;
}

function progressText(p) {
  if (!p) return 'waiting for the first progress report';
  const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesDone) / p.totalBytes) : 0;
  return `${format.bytes(p.bytesDone)} of ${format.bytes(p.totalBytes)} (${percent} %)`;
}

function badge(state) {
  return h('span', { class: `badge ${BADGE[state] ?? ''}`.trim(), text: state });
}

/** Sets a cell's text only when it changed (no flicker, no lost selection). */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Adds, updates and removes the rows of tbody so they follow items, in order; a removed row hands its focus on. */
function sync(tbody, items, create, update) {
  const existing = new Map([...tbody.querySelectorAll(':scope > tr[data-approval-id]')]
    .map((row) => [row.dataset.approvalId, row]));
  let previous = null;
  for (const item of items) {
    let row = existing.get(item.id);
    existing.delete(item.id);
    if (!row) row = create(item);
    update(row, item);
    const wanted = previous ? previous.nextSibling : tbody.firstChild;
    if (row !== wanted) tbody.insertBefore(row, wanted);
    previous = row;
  }
  for (const row of existing.values()) {
    if (row.contains(document.activeElement)) tbody.closest('section').querySelector('h2').focus();
    row.remove();
  }
}

// ---- sections -------------------------------------------------------------------------------------------------

function section(id, title, headings, emptyText) {
  const tbody = h('tbody');
  const count = h('span', { class: 'count' });
  const empty = h('p', { class: 'empty', text: emptyText });
  const table = h('table', { class: 'data', hidden: true },
    h('thead', {}, h('tr', {}, headings.map(([text, cls]) => h('th', { scope: 'col', class: cls, text })))),
    tbody);
  const element = h('section', { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, tabindex: '-1' }, title, ' ', count), empty, table);
  return {
    element,
    tbody,
    show(items) {
      setText(count, `(${items.length})`);
      empty.hidden = items.length > 0;
      table.hidden = items.length === 0;
    },
  };
}

// ---- pending: approve and reject forms ------------------------------------------------------------------------

function decideForms(a, refresh) {
  const key = a.id;
  // A file the risk gate held runs as its size class always does: there is nothing to choose.
  const strategy = a.anomaly
    ? h('input', { id: `strategy-${key}`, name: 'strategy', type: 'hidden', value: HELD_STRATEGY })
    : h('select', { id: `strategy-${key}`, name: 'strategy' },
      STRATEGIES.map(([value, text]) => h('option', { value, text })));
  const partSize = h('input', {
    id: `part-size-${key}`, name: 'partSize', type: 'text', size: 8, placeholder: 'e.g. 2 MiB',
    autocomplete: 'off', 'aria-describedby': `part-size-help-${key}`,
  });
  const partSizeField = h('span', { class: 'field part-size', hidden: true },
    h('label', { for: `part-size-${key}`, text: 'Part size' }), partSize,
    h('span', { id: `part-size-help-${key}`, class: 'muted', text: 'bytes, KiB, MiB, GiB' }));
  const showPartSize = () => {
    const split = strategy.value === 'SPLIT';
    partSizeField.hidden = !split;
    partSize.required = split;
  };
  strategy.addEventListener('change', showPartSize);
  const comment = h('input', { id: `comment-${key}`, name: 'comment', type: 'text', size: 16, autocomplete: 'off' });
  const approve = h('form', { class: 'row approve', 'aria-label': `Approve ${a.path}` },
    a.anomaly ? strategy
      : h('span', { class: 'field' }, h('label', { for: `strategy-${key}`, text: 'Strategy' }), strategy),
    partSizeField,
    h('span', { class: 'field' }, h('label', { for: `comment-${key}`, text: 'Comment (optional)' }), comment),
    h('button', { type: 'submit', class: 'primary', name: 'approve', text: 'Approve' }));
  approve.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { strategy: strategy.value };
    if (strategy.value === 'SPLIT') body.partSize = partSize.value.trim();
    if (comment.value.trim() !== '') body.comment = comment.value.trim();
    await decide(approve, `${BASE}/${encodeURIComponent(a.id)}/approve`, body, (result) => (result.state === 'PENDING'
      ? `${a.path}: approved by you, a second operator must approve it too.`
      : `${a.path}: approved with ${strategyText(result)}.`), refresh);
  });

  const reason = h('input', {
    id: `reason-${key}`, name: 'reason', type: 'text', size: 20, required: true, autocomplete: 'off',
  });
  const reject = h('form', { class: 'row reject', 'aria-label': `Reject ${a.path}` },
    h('span', { class: 'field' }, h('label', { for: `reason-${key}`, text: 'Reason' }), reason),
    h('button', { type: 'submit', class: 'danger', name: 'reject', text: 'Reject' }));
  reject.addEventListener('submit', async (event) => {
    event.preventDefault();
    await decide(reject, `${BASE}/${encodeURIComponent(a.id)}/reject`, { reason: reason.value.trim() },
      () => `${a.path}: rejected.`, refresh);
  });
  return { approve, reject, strategy, partSize, showPartSize };
}

/** Posts a decision with the form's buttons disabled; an error is shown by api (problem detail). */
async function decide(form, url, body, said, refresh) {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const result = await api.post(url, body);
    showMessage(said(result), 'info', 'approvals');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
  await refresh();
}

/** The path, and for a file the risk gate held a line with the anomaly's severity, type and sentence. */
function pathCell(a) {
  const cell = h('td', { class: 'path' }, h('code', { text: a.path }));
  if (a.anomaly) {
    cell.append(h('div', { class: 'held' },
      h('span', { class: 'badge fail', text: a.anomaly.severity }), ' ',
      h('span', { class: 'held-type', text: `held: ${a.anomaly.type}` }), ' ',
      h('span', { class: 'held-sentence', text: a.anomaly.sentence })));
  }
  return cell;
}

function pendingRow(a, operator, refresh) {
  const row = h('tr', { 'data-approval-id': a.id },
    pathCell(a),
    h('td', { class: 'num size', text: format.bytes(a.size), title: `${a.size} bytes` }),
    h('td', { class: 'age' }),
    h('td', { class: 'found', text: format.instant(a.discoveredAt) }),
    h('td', { class: 'two-person' }));
  if (operator) {
    const forms = decideForms(a, refresh);
    row.forms = forms;
    row.append(h('td', { class: 'decide' }, h('div', { class: 'stack' }, forms.approve, forms.reject)));
  }
  return row;
}

function updatePending(row, a) {
  setText(row.querySelector('.age'), format.age(a.discoveredAt));
  const cell = row.querySelector('.two-person');
  if (!a.firstApprover) {
    setText(cell, a.twoPersonRequired ? 'needs two operators' : '');
    return;
  }
  const who = a.firstApprover === currentUser().name ? 'you' : a.firstApprover;
  const choice = row.firstChoice ? `; chose ${strategyText(row.firstChoice)}` : '';
  setText(cell, `approved by ${who}, needs a second operator${choice}`);
  if (!row.dataset.firstChoice) {
    row.dataset.firstChoice = 'asked';
    firstChoice(a).then((choice) => {
      if (!choice) return;
      row.firstChoice = choice;
      setText(cell, `approved by ${who}, needs a second operator; chose ${strategyText(choice)}`);
      // The second operator must choose what the first chose: offer it.
      const forms = row.forms;
      if (forms) {
        forms.strategy.value = choice.strategy;
        forms.partSize.value = choice.partSize ? sizeInput(choice.partSize) : '';
        forms.showPartSize();
      }
    }).catch(() => { delete row.dataset.firstChoice; });
  }
}

/** The first approver's strategy and part size, from the history (the approval shows them only once approved). */
async function firstChoice(a) {
  const history = await api.get(`${BASE}/${encodeURIComponent(a.id)}/history`);
  return history.filter((item) => item.actor === a.firstApprover && item.strategy).pop() ?? null;
}

// ---- running and decided --------------------------------------------------------------------------------------

function runningRow(a) {
  return h('tr', { 'data-approval-id': a.id },
    h('td', { class: 'path' }, h('code', { text: a.path })),
    h('td', { class: 'meter' }, h('progress', { max: 1, value: 0, 'aria-label': `Progress of ${a.path}` })),
    h('td', { class: 'num progress-bytes' }),
    h('td', { class: 'num progress-rate' }),
    h('td', { class: 'num progress-eta' }));
}

function updateRunning(row, a) {
  const p = a.progress;
  const bar = row.querySelector('progress');
  if (p && p.totalBytes > 0) {
    bar.max = p.totalBytes;
    bar.value = Math.min(p.bytesDone, p.totalBytes);
  }
  setText(row.querySelector('.progress-bytes'), progressText(p));
  setText(row.querySelector('.progress-rate'), p ? `${format.bytes(p.bytesPerSecond)}/s` : '');
  setText(row.querySelector('.progress-eta'), p && p.etaSeconds != null ? duration(p.etaSeconds) : '');
}

function decidedRow(a, operator, refresh) {
  const row = h('tr', { 'data-approval-id': a.id },
    pathCell(a),
    h('td', { class: 'state' }),
    h('td', { class: 'strategy' }),
    h('td', { class: 'decided-by' }),
    h('td', { class: 'decided-at' }),
    h('td', { class: 'comment' }),
    h('td', { class: 'outcome' }));
  if (operator) {
    const retry = h('button', {
      type: 'button', name: 'retry', text: 'Retry', 'aria-label': `Retry ${a.path}`, hidden: true,
      onclick: async () => {
        retry.disabled = true;
        try {
          await api.post(`${BASE}/${encodeURIComponent(a.id)}/retry`);
          showMessage(`${a.path}: started again.`, 'info', 'approvals');
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        } finally {
          retry.disabled = false;
        }
        await refresh();
      },
    });
    row.append(h('td', { class: 'actions operator-only' }, retry));
  }
  return row;
}

function updateDecided(row, a) {
  const cell = row.querySelector('.state');
  if (cell.dataset.state !== a.state) {
    cell.dataset.state = a.state;
    cell.replaceChildren(badge(a.state));
  }
  setText(row.querySelector('.strategy'), strategyText(a));
  setText(row.querySelector('.decided-by'), a.decidedBy ?? '');
  setText(row.querySelector('.decided-at'), format.instant(a.decidedAt));
  setText(row.querySelector('.comment'), a.comment ?? '');
  setText(row.querySelector('.outcome'), a.state === 'IN_PROGRESS' ? progressText(a.progress) : (a.outcome ?? ''));
  const retry = row.querySelector('button[name=retry]');
  if (retry) {
    if (retry.hidden !== (a.state !== 'FAILED') && retry.contains(document.activeElement)) {
      row.closest('section').querySelector('h2').focus();
    }
    retry.hidden = a.state !== 'FAILED';
  }
}

// ---- the view -------------------------------------------------------------------------------------------------

registerView('approvals', (() => {
  let pending;
  let running;
  let decided;
  let operator;

  async function refreshNow() {
    const [waiting, recent] = await Promise.all([
      api.get(`${BASE}?status=PENDING&size=200`),
      api.get(`${BASE}?status=${DECIDED.join(',')}&size=${RECENT}`),
    ]);
    const oldestFirst = [...waiting.items]
      .sort((x, y) => String(x.discoveredAt).localeCompare(String(y.discoveredAt)));
    sync(pending.tbody, oldestFirst, (a) => pendingRow(a, operator, refreshNow), updatePending);
    pending.show(oldestFirst);
    const inProgress = recent.items.filter((a) => a.state === 'IN_PROGRESS');
    sync(running.tbody, inProgress, runningRow, updateRunning);
    running.show(inProgress);
    sync(decided.tbody, recent.items, (a) => decidedRow(a, operator, refreshNow), updateDecided);
    decided.show(recent.items);
  }

  return {
    render(element) {
      operator = currentUser().isOperator;
      if (!document.querySelector('link[href="/ui/approvals.css"]')) {
        document.head.append(h('link', { rel: 'stylesheet', href: '/ui/approvals.css' }));
      }
      pending = section('approvals-pending', 'Waiting for a decision',
        [['Path'], ['Size', 'num'], ['Waiting'], ['Found'], ['Two-person rule'],
          ...(operator ? [['Decide']] : [])],
        'Nothing waits for a decision.');
      running = section('approvals-running', 'Running',
        [['Path'], ['Progress'], ['Done', 'num'], ['Rate', 'num'], ['Time left', 'num']],
        'No approved transfer is running.');
      decided = section('approvals-decided', 'Recent decisions',
        [['Path'], ['State'], ['Strategy'], ['Decided by'], ['When'], ['Comment'], ['Transfer outcome'],
          ...(operator ? [['Action']] : [])],
        'No decisions yet.');
      const help = h('p', { class: 'muted' }, operator
        ? 'Choose a strategy (SPLIT needs a part size such as "2 MiB") and press Approve, or give a reason and press'
          + ' Reject. A file marked "held" was stopped by the risk gate for the anomaly shown: approving it copies it'
          + ' as usual. Tab moves between the fields; Enter in a field submits its form.'
        : 'You can see the queue; deciding needs the operator role.');
      element.append(help, pending.element, running.element, decided.element);
    },
    refresh: refreshNow,
  };
})());
