// Mappings editor: validation as you type (problems marked at their line), field picker, preview, save with history and roll back.
import { ApiError, api, byId, count, el, fill, guarded, option, setStatus } from './api.js';

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
            `${v.savedAt.replace('T', ' ').slice(0, 19)} `,
            el(
              'button',
              {
                type: 'button',
                onclick: () =>
                  guarded(async () => {
                    if (!window.confirm(`Roll ${current()} back to the version saved ${v.savedAt}?`)) return;
                    await api(`/api/mappings/${current()}/rollback`, {
                      method: 'POST',
                      body: { version: v.version },
                    });
                    await loadFiles(current());
                    setStatus(`Rolled back to ${v.savedAt}`);
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
  byId('preview', HTMLButtonElement).disabled = !isCrm();
  document.getElementById('preview-out').hidden = true;
  renderProblems();
  guarded(validate);
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

async function preview() {
  setStatus('Previewing…');
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
          `${e.entity} (${e.object}): ${count(e.records.length, 'record', 'records')}, ${count(e.issues.length, 'issue', 'issues')}`,
        ),
        e.error ? el('p', { class: 'error' }, e.error) : null,
        el('pre', { class: 'json' }, JSON.stringify({ records: e.records, issues: e.issues }, null, 2)),
      ),
    ),
  );
  document.getElementById('preview-writeback').textContent = result.writeback.error
    ? `Write-back dry run failed: ${result.writeback.error}`
    : JSON.stringify(result.writeback.plan, null, 2);
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
      `Saved ${current()} at ${result.savedAt}${result.previousVersion ? '; the previous version is in the history' : ''}`,
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
