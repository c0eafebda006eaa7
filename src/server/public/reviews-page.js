// Reviews page: demotions a run held back, approved or kept (pinned) by an editor; the decided ones below.
import { api, count, el, fill, guarded, partnerLink, setStatus, timeAgo } from './api.js';
import { openDecisionForm } from './decision-form.js';
import { can } from './role.js';

/** Editors and admins decide; viewers only read. */
const canDecide = can('editor');

const change = (r) => `${r.fromLevel} → ${r.toLevel ?? 'no level'}`;

/** When a pending demotion applies without a decision. */
function lapses(r) {
  if (r.nightsLeft === null) return '–';
  return r.nightsLeft === 0 ? 'at the next run' : `after ${count(r.nightsLeft, 'more night', 'more nights')}`;
}

/** "Keep level…": a reason and an optional last day, in the row; the level is kept by pinning it. */
function keepForm(r, slot) {
  openDecisionForm({
    key: `keep-${r.id}`,
    slot,
    label: `Keep ${r.fromLevel} for ${r.partnerName}`,
    submitText: `Keep ${r.fromLevel}`,
    submit: async ({ reason, until }) => {
      const body = { reason };
      if (until) body.until = until;
      const kept = await api(`/api/reviews/${encodeURIComponent(r.id)}/keep`, { method: 'POST', body });
      await load();
      setStatus(kept.message);
    },
  });
}

function decisionCell(r) {
  if (!canDecide) return el('td', {}, 'Editors decide');
  const slot = el('div', { class: 'keep-slot' });
  const approve = () =>
    guarded(async () => {
      const approved = await api(`/api/reviews/${encodeURIComponent(r.id)}/approve`, {
        method: 'POST',
        body: {},
      });
      await load();
      setStatus(approved.message);
    });
  return el(
    'td',
    {},
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', onclick: approve }, 'Approve'),
      el('button', { type: 'button', onclick: () => keepForm(r, slot) }, 'Keep level…'),
    ),
    slot,
  );
}

function pendingRow(r) {
  return el(
    'tr',
    { dataset: { reviewId: r.id } },
    el('td', {}, partnerLink(r.partnerId, r.partnerName)),
    el('td', {}, r.cellLabel),
    el('td', {}, change(r)),
    el('td', {}, timeAgo(r.firstSeenAt)),
    el('td', {}, lapses(r)),
    decisionCell(r),
  );
}

function decidedRow(r) {
  return el(
    'tr',
    { dataset: { reviewId: r.id, status: r.status } },
    el('td', {}, partnerLink(r.partnerId, r.partnerName)),
    el('td', {}, r.cellLabel),
    el('td', {}, change(r)),
    el('td', {}, r.statusWords),
    // A lapsed or withdrawn demotion was decided by a run, not a person.
    el('td', {}, r.decidedBy ?? 'A run', r.decidedAt ? [', ', timeAgo(r.decidedAt)] : null),
    el('td', {}, r.note ?? ''),
  );
}

const emptyRow = (columns, text) => el('tr', {}, el('td', { colspan: columns }, text));

async function load() {
  const data = await api('/api/reviews');
  document.getElementById('reviews-lead').textContent = data.enabled
    ? `A demotion found by a run waits here up to ${count(data.nights, 'night', 'nights')}: the CRM keeps the old level until an editor approves it or keeps the level, or the nights run out. Decisions apply at the next run: the nightly one, or one an admin starts on the Runs page.`
    : 'Demotions apply at once: review of demotions is off (turn it on in the scoring settings, scoring.yaml). Past decisions stay listed below.';
  fill(
    document.querySelector('#pending tbody'),
    data.pending.length ? data.pending.map(pendingRow) : [emptyRow(6, 'No demotion is waiting.')],
  );
  fill(
    document.querySelector('#decided tbody'),
    data.decided.length ? data.decided.map(decidedRow) : [emptyRow(6, 'Nothing decided yet.')],
  );
  document.title = `Reviews (${data.pending.length}) · Partner Atlas`;
}

guarded(async () => {
  setStatus('Loading…');
  await load();
  setStatus('');
});
