// Runs: history with figures and changes, record issues and write failures; start a run or a dry run and follow it live.
import {
  api,
  byId,
  count,
  el,
  factsList,
  fill,
  fmt,
  guarded,
  isDryRun,
  localTime,
  runName,
  setStatus,
  timeAgo,
} from './api.js';
import { disableBelow } from './role.js';
import { changeSections, figureLabel, headlineFigures, listFigures, systemSections } from './run-details.js';

/** How often a running run is polled for new events. */
const POLL_MS = 1000;
let chart;

function figuresText(figures) {
  const shown = listFigures(figures);
  return shown.length ? shown.map(([k, v]) => `${k}: ${fmt(v, 2)}`).join(', ') : '–';
}

/** The levels the programme team decided this run, as the API words them (runs-api.ts). */
function programmeSection(programme) {
  if (!programme?.summary) return [];
  return [
    el('h4', {}, `Decided by the programme team: ${programme.summary}`),
    el(
      'ul',
      { class: 'programme-lines' },
      programme.lines.map((line) => el('li', {}, line)),
    ),
  ];
}

/** The 24-hour clock every other time of the app uses ("00:32:16"), whatever the browser's locale. */
const eventClock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function eventItem(e) {
  return el(
    'li',
    { class: `event event-${e.level}` },
    el('time', { datetime: e.at, title: localTime(e.at) }, eventClock.format(new Date(e.at))),
    ` ${e.step}: ${e.message}`,
  );
}

async function showRun(id) {
  const { run, issueCount, headline, programme } = await api(`/api/runs/${encodeURIComponent(id)}`);
  const section = document.getElementById('run-detail');
  section.hidden = false;
  const title = document.getElementById('run-title');
  title.textContent = `${runName(run)} — ${run.status}`;
  title.dataset.status = run.status;
  title.dataset.runId = run.id;
  fill(
    document.getElementById('run-dry'),
    isDryRun(run) ? el('strong', { class: 'badge dry-run' }, 'Dry run') : null,
    isDryRun(run) ? ' — nothing was written to the CRMs; the write-back below is what a run would do.' : null,
  );
  // The same lines the CLI and the demo print: one definition per figure (src/engine/headline-figures.ts).
  fill(
    document.getElementById('run-headline'),
    headline.length > 0
      ? headline.map((line) => el('li', {}, line))
      : el('li', {}, 'This run did not score.'),
  );
  factsList(document.getElementById('run-figures'), {
    Started: timeAgo(run.startedAt),
    Kind: run.label ?? run.kind,
    ...Object.fromEntries(headlineFigures(run.figures)),
    ...(run.error ? { Error: run.error } : {}),
  });
  fill(document.getElementById('run-systems'), systemSections(run.figures));
  fill(
    document.getElementById('run-changes'),
    ...changeSections(run.changeSummary),
    ...programmeSection(programme),
  );
  const { events } = await api(`/api/runs/${encodeURIComponent(id)}/events?limit=500`);
  fill(document.getElementById('run-events'), events.map(eventItem));
  const { issues, total } = await api(`/api/runs/${encodeURIComponent(id)}/issues?limit=100`);
  fill(
    document.getElementById('run-issues'),
    issueCount === 0
      ? el('p', {}, 'No record issues.')
      : el(
          'table',
          { class: 'data' },
          el('caption', {}, `${count(total, 'issue', 'issues')} (first ${issues.length})`),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['Object', 'Record', 'Field', 'Value', 'Reason'].map((h) => el('th', { scope: 'col' }, h)),
            ),
          ),
          el(
            'tbody',
            {},
            issues.map((i) =>
              el(
                'tr',
                {},
                el('td', {}, i.object ?? ''),
                el('td', {}, i.recordId ?? ''),
                el('td', {}, i.field ?? ''),
                el('td', {}, String(i.value ?? '')),
                el('td', {}, i.reason ?? i.message ?? ''),
              ),
            ),
          ),
        ),
  );
  title.focus();
}

function renderChart(runs) {
  if (!window.Chart) return;
  const ordered = [...runs].reverse().filter((r) => r.figures && typeof r.figures === 'object');
  // Sample runs keep these at the top of their figures, pipeline runs under `model` / `score`.
  const value = (r, key) => r.figures[key] ?? r.figures.model?.[key] ?? r.figures.score?.[key] ?? null;
  const keys = ['partners', 'partnersWithSegments'].filter((k) =>
    ordered.some((r) => typeof value(r, k) === 'number'),
  );
  /** @type {import('chart.js').ChartConfiguration<'bar'>} */
  const config = {
    type: 'bar',
    data: {
      labels: ordered.map(runName),
      datasets: keys.map((k) => ({ label: figureLabel(k), data: ordered.map((r) => value(r, k)) })),
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false },
  };
  if (chart) chart.destroy();
  chart = new window.Chart(byId('runs-chart', HTMLCanvasElement), config);
}

async function loadRuns() {
  const { runs } = await api('/api/runs?limit=50');
  fill(
    document.querySelector('#runs tbody'),
    runs.map((r) =>
      el(
        'tr',
        { dataset: { runId: r.id, status: r.status, dry: String(isDryRun(r)) } },
        el('td', {}, el('strong', {}, runName(r)), ' ', timeAgo(r.startedAt)),
        el('td', {}, isDryRun(r) ? el('span', { class: 'badge dry-run' }, 'Dry run') : (r.label ?? r.kind)),
        el('td', { class: `run-status run-${r.status}` }, r.status),
        el('td', {}, figuresText(r.figures)),
        el(
          'td',
          {},
          el('button', { type: 'button', onclick: () => guarded(() => showRun(r.id)) }, 'Details'),
        ),
      ),
    ),
  );
  renderChart(runs);
  const { failures } = await api('/api/write-failures');
  fill(
    document.getElementById('write-failures'),
    failures.length === 0
      ? el('p', {}, 'None.')
      : el(
          'table',
          { class: 'data' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['CRM', 'Object', 'Record', 'Fields', 'Error', 'Attempts'].map((h) =>
                el('th', { scope: 'col' }, h),
              ),
            ),
          ),
          el(
            'tbody',
            {},
            failures.map((f) =>
              el(
                'tr',
                {},
                el('td', {}, f.system),
                el('td', {}, f.object),
                el('td', {}, f.recordId),
                el('td', {}, f.fields.join(', ')),
                el('td', {}, `${f.code}: ${f.message}`),
                el('td', {}, String(f.attempts)),
              ),
            ),
          ),
        ),
  );
}

async function follow(runId) {
  const live = document.getElementById('live');
  const list = document.getElementById('live-events');
  live.hidden = false;
  fill(list);
  let afterSeq;
  let name = '';
  for (;;) {
    const query = afterSeq === undefined ? '' : `?afterSeq=${afterSeq}`;
    const { run, events } = await api(`/api/runs/${encodeURIComponent(runId)}/events${query}`);
    for (const e of events) list.append(eventItem(e));
    if (events.length) afterSeq = events[events.length - 1].seq;
    name = runName(run);
    document.getElementById('live-status').textContent = `${name}: ${run.status}`;
    if (run.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  setStatus(`${name} finished`);
  await loadRuns();
  await showRun(runId);
}

disableBelow('admin', 'Starting a run', ...document.querySelectorAll('#start-run button'));

document.getElementById('start-run').addEventListener('submit', (event) => {
  event.preventDefault();
  const dryRun = event.submitter instanceof HTMLButtonElement && event.submitter.value === 'dry';
  const full = byId('r-full', HTMLInputElement).checked;
  guarded(async () => {
    const { runId } = await api('/api/runs', { method: 'POST', body: { dryRun, full } });
    setStatus(`${dryRun ? 'Dry run' : 'Run'} started`);
    await loadRuns();
    await follow(runId);
  });
});

guarded(async () => {
  await loadRuns();
  const { runs } = await api('/api/runs?status=running&limit=1');
  if (runs[0]) await follow(runs[0].id);
});
