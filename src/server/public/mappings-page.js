// Mappings editor: validation as you type (problems marked at their line), field picker, preview, save with history and roll back.
import {
  ApiError,
  api,
  byId,
  count,
  el,
  fill,
  guarded,
  localTime,
  option,
  setStatus,
  timeAgo,
} from './api.js';
import { disableBelow } from './role.js';

/** Pause after the last keystroke before validating, so typing stays fluid. */
const VALIDATE_DELAY_MS = 300;

const fileSelect = byId('file', HTMLSelectElement);
const textarea = byId('yaml', HTMLTextAreaElement);
const gutter = document.getElementById('gutter');
const problemsList = document.getElementById('problems');
const validity = document.getElementById('validity');
const objectSelect = byId('picker-object', HTMLSelectElement);
const fieldFilter = byId('picker-filter', HTMLInputElement);
const fieldsList = document.getElementById('picker-fields');

/** Viewers read the mappings: the editor is read-only, and nothing is checked, previewed or saved. */
const canEdit = disableBelow(
  'editor',
  'Saving a mapping',
  byId('save', HTMLButtonElement),
  byId('preview', HTMLButtonElement),
  byId('revert', HTMLButtonElement),
);
textarea.readOnly = !canEdit;

let files = [];
let saved = '';
let problems = [];
let fields = [];
let timer;
let validation = 0;
let shown = '';

const current = () => fileSelect.value;
const isCrm = () => current() === 'salesforce' || current() === 'hubspot';

function renderGutter() {
  const lineCount = textarea.value.split('\n').length;
  const bad = new Map();
  for (const p of problems)
    if (p.name === current()) bad.set(p.line, [...(bad.get(p.line) ?? []), p.message]);
  fill(
    gutter,
    Array.from({ length: lineCount }, (_, i) => {
      const line = i + 1;
      const messages = bad.get(line);
      return el(
        'span',
        { class: messages ? 'ln err' : 'ln', title: messages?.join('\n'), dataset: { line: String(line) } },
        `${messages ? '● ' : ''}${line}\n`,
      );
    }),
  );
  gutter.scrollTop = textarea.scrollTop;
}

function goToLine(line, column) {
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 1);
  const end = start + Math.max(1, (lines[line - 1]?.length ?? 0) - Math.max(0, column - 1));
  textarea.focus();
  textarea.setSelectionRange(start, end);
  const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

function renderProblems() {
  const mine = problems.filter((p) => p.name === current());
  const others = problems.filter((p) => p.name !== current());
  validity.textContent = problems.length === 0 ? 'Valid' : count(problems.length, 'problem', 'problems');
  validity.dataset.valid = String(problems.length === 0);
  fill(
    problemsList,
    problems.length === 0 ? [el('li', { class: 'ok' }, 'No problems.')] : [],
    mine.map((p) =>
      el(
        'li',
        { class: 'problem', dataset: { line: String(p.line) } },
        el(
          'button',
          { type: 'button', class: 'link', onclick: () => goToLine(p.line, p.column) },
          `Line ${p.line}:${p.column}`,
        ),
        ` ${p.keyPath ? `${p.keyPath}: ` : ''}${p.message}${p.hint ? ` (${p.hint})` : ''}`,
      ),
    ),
    others.map((p) =>
      el(
        'li',
        { class: 'problem other' },
        `${p.file} line ${p.line}: ${p.keyPath ? `${p.keyPath}: ` : ''}${p.message}`,
      ),
    ),
  );
  renderGutter();
}

function setObjects(objects) {
  const previous = objectSelect.value;
  fill(
    objectSelect,
    (objects ?? []).map((o) => option(o.object, `${o.object} (${o.entity})`, o.object === previous)),
  );
  objectSelect.closest('aside').dataset.crm = String(isCrm());
  if (objectSelect.value && objectSelect.value !== previous) guarded(loadFields);
}

async function validate() {
  const mine = ++validation;
  const result = await api('/api/mappings/validate', {
    method: 'POST',
    body: { name: current(), text: textarea.value },
  });
  if (mine !== validation) return;
  problems = result.problems;
  renderProblems();
  if (isCrm()) setObjects(result.objects);
}

function scheduleValidate() {
  renderGutter();
  clearTimeout(timer);
  timer = setTimeout(() => guarded(validate), VALIDATE_DELAY_MS);
}

function renderFields() {
  const q = fieldFilter.value.trim().toLowerCase();
  fill(
    fieldsList,
    fields
      .filter((f) => !q || f.name.toLowerCase().includes(q) || f.label.toLowerCase().includes(q))
      .map((f) =>
        el(
          'li',
          {},
          el(
            'button',
            {
              type: 'button',
              class: 'link',
              disabled: !canEdit,
              title: `Insert ${f.name} at the cursor`,
              onclick: () => insertAtCursor(f.name),
            },
            f.name,
          ),
          ` ${f.label} · ${f.type}`,
        ),
      ),
  );
}

function insertAtCursor(text) {
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  textarea.value = value.slice(0, start) + text + value.slice(end);
  textarea.focus();
  textarea.setSelectionRange(start + text.length, start + text.length);
  scheduleValidate();
}

async function loadFields() {
  if (!isCrm() || !objectSelect.value) {
    fields = [];
    renderFields();
    return;
  }
  const result = await api(`/api/crm/${current()}/objects/${encodeURIComponent(objectSelect.value)}/fields`);
  fields = result.fields;
  renderFields();
}

async function loadHistory() {
  const { versions } = await api(`/api/mappings/${current()}/history`);
  fill(
    document.getElementById('history'),
    versions.length === 0
      ? [el('li', {}, 'No earlier version.')]
      : versions.map((v) =>
          el(
            'li',
            {},
            timeAgo(v.savedAt),
            ' ',
            el(
              'button',
              {
                type: 'button',
                disabled: !canEdit,
                title: canEdit ? undefined : 'Restoring a version needs the editor role',
                onclick: () =>
                  guarded(async () => {
                    if (
                      !window.confirm(`Roll ${current()} back to the version saved ${localTime(v.savedAt)}?`)
                    )
                      return;
                    await api(`/api/mappings/${current()}/rollback`, {
                      method: 'POST',
                      body: { version: v.version },
                    });
                    await loadFiles(current());
                    setStatus(`Rolled back to the version saved ${localTime(v.savedAt)}`);
                  }),
              },
              'Roll back',
            ),
          ),
        ),
  );
}

function showFile() {
  shown = current();
  const file = files.find((f) => f.name === current());
  saved = file?.text ?? '';
  textarea.value = saved;
  textarea.scrollTop = 0;
  byId('preview', HTMLButtonElement).disabled = !canEdit || !isCrm();
  document.getElementById('preview-out').hidden = true;
  renderProblems();
  if (canEdit) guarded(validate);
  guarded(loadHistory);
}

async function loadFiles(select) {
  const data = await api('/api/mappings');
  files = data.files;
  problems = data.validation.problems;
  if (fileSelect.options.length === 0)
    fill(
      fileSelect,
      files.map((f) => option(f.name, f.file)),
    );
  fileSelect.value = select ?? files[0]?.name ?? 'salesforce';
  setObjects(data.objects[current()] ?? []);
  showFile();
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** "legacyTier" → "Legacy tier": a model field name as a column heading. */
function heading(key) {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Sector and technology keys → their labels (the model holds keys), loaded with the first preview. */
let taxonomyLabels = new Map();

/** A model value in words: taxonomy labels, amounts with their currency, CRM references as object and id, lists joined. */
function valueText(v) {
  if (typeof v === 'string' && taxonomyLabels.has(v)) return taxonomyLabels.get(v);
  if (v === null || v === undefined || v === '') return '–';
  if (Array.isArray(v)) return v.length ? v.map(valueText).join('; ') : '–';
  if (isObject(v)) {
    if ('amount' in v && 'currency' in v) return `${Number(v.amount).toLocaleString()} ${v.currency}`;
    if ('object' in v && 'id' in v) return `${v.object} ${v.id}`;
    if ('partnerId' in v && 'role' in v) return `${valueText(v.partnerId)} (${v.role})`;
    return Object.entries(v)
      .map(([k, x]) => `${heading(k)}: ${valueText(x)}`)
      .join(', ');
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  // Model ids read "system:Object:recordId"; the record id is what an admin looks up.
  if (typeof v === 'string' && /^(salesforce|hubspot):[^:]+:/.test(v))
    return v.replace(/^[^:]+:([^:]+):/, '$1 ');
  return String(v);
}

/** The id of the CRM record a mapped record or an issue came from, to put the issue under its record. */
function recordKey(v) {
  if (!isObject(v)) return '';
  const id = typeof v.recordId === 'string' ? v.recordId : typeof v.id === 'string' ? v.id : '';
  return id.split(':').pop() ?? '';
}

function issueText(i) {
  if (!isObject(i)) return String(i);
  const value = i.value === undefined ? '' : ` "${valueText(i.value)}"`;
  return `${i.field ? `${heading(String(i.field))}${value}: ` : ''}${i.reason ?? i.message ?? valueText(i)}`;
}

/**
 * Records → model values as a table, one row per record, each record's issues in a row right under it
 * (issues of records that were not mapped at all come last).
 */
function recordsTable(caption, records, issues) {
  const columns = [...new Set(records.flatMap((r) => (isObject(r) ? Object.keys(r) : [])))].filter(
    (k) => k !== 'crossRefs' && k !== 'lastModified',
  );
  const issuesOf = new Map();
  for (const i of issues) {
    const key = recordKey(i);
    if (!issuesOf.has(key)) issuesOf.set(key, []);
    issuesOf.get(key).push(i);
  }
  const issueRow = (i) =>
    el(
      'tr',
      { class: 'issue' },
      el('td', { colspan: String(Math.max(1, columns.length)) }, `⚠ ${issueText(i)}`),
    );
  const rows = records.flatMap((r) => {
    const key = recordKey(r);
    const own = issuesOf.get(key) ?? [];
    issuesOf.delete(key);
    return [
      el(
        'tr',
        {},
        columns.map((c) => el('td', {}, valueText(r[c]))),
      ),
      ...own.map(issueRow),
    ];
  });
  const orphans = [...issuesOf.values()].flat().map(issueRow);
  return el(
    'div',
    { class: 'scroll' },
    el(
      'table',
      { class: 'data preview-table' },
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          columns.map((c) => el('th', { scope: 'col' }, heading(c))),
        ),
      ),
      el('tbody', {}, rows, orphans),
    ),
  );
}

/** The write-back dry run in words: what it would write, then the planned records as a table. */
function writebackView(plan) {
  if (!isObject(plan)) return el('p', {}, 'No write-back plan.');
  const facts = Object.entries(plan).filter(([, v]) => !Array.isArray(v) && !isObject(v));
  const fields = (plan.fields ?? []).map((f) => (isObject(f) ? f.name : f));
  const updates = plan.updates ?? plan.changes ?? [];
  return el(
    'div',
    {},
    el(
      'dl',
      { class: 'facts' },
      facts.flatMap(([k, v]) => [el('dt', {}, heading(k)), el('dd', {}, valueText(v))]),
      fields.length ? [el('dt', {}, 'Fields'), el('dd', {}, fields.join(', '))] : [],
    ),
    updates.length
      ? recordsTable(
          `${count(updates.length, 'record', 'records')} Atlas would write (nothing was written)`,
          updates.map((u) => (isObject(u) && isObject(u.values) ? { partner: u.partnerId, ...u.values } : u)),
          [],
        )
      : el('p', {}, 'Nothing would be written.'),
  );
}

async function preview() {
  setStatus('Previewing…');
  if (taxonomyLabels.size === 0) {
    const { facets } = await api('/api/partners?limit=1');
    taxonomyLabels = new Map([...facets.sectors, ...facets.technologies].map((x) => [x.key, x.label]));
  }
  const out = document.getElementById('preview-out');
  const result = await api('/api/mappings/preview', {
    method: 'POST',
    body: { system: current(), text: textarea.value },
  });
  fill(
    document.getElementById('preview-entities'),
    result.entities.map((e) =>
      el(
        'section',
        { class: 'preview-entity', dataset: { entity: e.entity } },
        el(
          'h3',
          {},
          `${heading(e.entity)} from ${e.object}: ${count(e.records.length, 'record', 'records')}, ${count(e.issues.length, 'issue', 'issues')}`,
        ),
        e.error ? el('p', { class: 'error' }, e.error) : null,
        e.records.length || e.issues.length
          ? recordsTable(`${e.object} records and the model values they become`, e.records, e.issues)
          : el('p', {}, 'No records read.'),
      ),
    ),
  );
  fill(
    document.getElementById('preview-writeback'),
    result.writeback.error
      ? el('p', { class: 'error' }, `Write-back dry run failed: ${result.writeback.error}`)
      : writebackView(result.writeback.plan),
  );
  out.hidden = false;
  document.getElementById('preview-title').focus();
  setStatus('Preview ready (nothing was saved or written)');
}

async function save() {
  try {
    const result = await api(`/api/mappings/${current()}`, { method: 'PUT', body: { text: textarea.value } });
    saved = textarea.value;
    const file = files.find((f) => f.name === current());
    if (file) file.text = saved;
    setStatus(
      `Saved ${current()} at ${localTime(result.savedAt)}${result.previousVersion ? '; the previous version is in the history' : ''}`,
    );
    await loadHistory();
  } catch (error) {
    if (error instanceof ApiError && Array.isArray(error.body?.error?.problems)) {
      problems = error.body.error.problems;
      renderProblems();
    }
    throw error;
  }
}

fileSelect.addEventListener('change', () => {
  if (textarea.value !== saved && !window.confirm('Discard your unsaved edits?')) {
    fileSelect.value = shown;
    return;
  }
  showFile();
});
textarea.addEventListener('input', scheduleValidate);
textarea.addEventListener('scroll', () => {
  gutter.scrollTop = textarea.scrollTop;
});
objectSelect.addEventListener('change', () => guarded(loadFields));
fieldFilter.addEventListener('input', renderFields);
document.getElementById('preview').addEventListener('click', () => guarded(preview));
document.getElementById('save').addEventListener('click', () => guarded(save));
document.getElementById('revert').addEventListener('click', () => {
  textarea.value = saved;
  scheduleValidate();
});
window.addEventListener('beforeunload', (event) => {
  if (textarea.value !== saved) event.preventDefault();
});

guarded(() => loadFiles());
