// Partner page: scores per cell with the evidence behind each (linked to the CRM), next level, needs, history, and teaming (co-delivery, teammates, skill sharing).
import { api, byId, count, el, factsList, fill, fmt, guarded, partnerLink, setStatus } from './api.js';

const root = document.getElementById('partner');
const id = root.dataset.partnerId;
const base = `/api/partners/${encodeURIComponent(id)}`;

function evidenceTable(evidence) {
  if (evidence.length === 0) return el('p', {}, 'No evidence items.');
  return el(
    'table',
    { class: 'data evidence' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['Kind', 'Record', 'Points', 'Date'].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      evidence.map((e) =>
        el(
          'tr',
          {},
          el('td', {}, e.kind === 'won-deal' ? 'Won deal' : 'Certification'),
          el(
            'td',
            {},
            e.url
              ? el(
                  'a',
                  { href: e.url, target: '_blank', rel: 'noopener noreferrer', class: 'crm-link' },
                  `${e.system} ${e.object} ${e.id}`,
                )
              : `${e.system} ${e.object} ${e.id}`,
          ),
          el('td', {}, fmt(e.points, 2)),
          el('td', {}, e.date ?? '–'),
        ),
      ),
    ),
  );
}

function cellDetails(cell) {
  const body = el('div', { class: 'cell-body' });
  const evidenceBox = el('div', {}, evidenceTable(cell.evidence));
  const more = el(
    'button',
    {
      type: 'button',
      onclick: () =>
        guarded(async () => {
          const full = await api(`${base}/cells/${encodeURIComponent(cell.cell)}`);
          fill(evidenceBox, evidenceTable(full.evidence));
          more.remove();
        }),
    },
    'Show all evidence',
  );
  const f = cell.figures;
  fill(
    body,
    el(
      'p',
      {},
      `Proof ${fmt(cell.components.proof)} + skills ${fmt(cell.components.skills)} + win rate ${fmt(cell.components.winRate)} + delivery ${fmt(cell.components.delivery)} points. `,
      `${count(f.wonCustomers, 'won customer', 'won customers')}, ${count(f.certifiedPeople, 'certified person', 'certified people')}, win rate ${f.winRate === null ? '–' : `${Math.round(f.winRate * 100)}%`}, ${count(f.openDeals, 'open deal', 'open deals')}.`,
    ),
    el('p', { class: 'next' }, cell.nextLevel ? `Next level: ${cell.nextLevel}` : 'Top level reached.'),
    evidenceBox,
    cell.evidence.length > 0 ? more : null,
  );
  return el(
    'details',
    { class: 'cell-score', dataset: { cell: cell.cell } },
    el(
      'summary',
      {},
      `${cell.label} — ${cell.level ?? 'no level'} · score ${fmt(cell.score)} (confidence ${fmt(cell.confidence, 2)})`,
    ),
    body,
  );
}

function renderHistory(history) {
  if (!window.Chart) return;
  const labels = [...new Set(history.series.flatMap((s) => s.points.map((p) => p.at)))].sort();
  new window.Chart(byId('history-chart', HTMLCanvasElement), {
    type: 'line',
    data: {
      labels: labels.map((at) => at.slice(0, 16).replace('T', ' ')),
      datasets: history.series.map((s) => ({
        label: s.label,
        data: labels.map((at) => s.points.find((p) => p.at === at)?.score ?? null),
        spanGaps: true,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100 } },
    },
  });
}

const MODE_TEXT = {
  'joint-delivery': 'joint delivery',
  subcontracting: 'subcontracting',
  mentoring: 'mentoring',
};

function skillShareItem(share, other) {
  const evidence =
    other === 'mentor'
      ? `${share.mentor.level} in ${share.mentor.cell === share.cell ? 'this cell' : 'its technology (across sectors)'} (score ${fmt(share.mentor.score)}, ${count(share.mentor.wonCustomers, 'won customer', 'won customers')}, ${count(share.mentor.certifiedPeople, 'certified person', 'certified people')})`
      : `${count(share.learner.wonCustomers, 'won customer', 'won customers')}, ${count(share.learner.certifiedPeople, 'certified person', 'certified people')}, ${count(share.learner.openDeals, 'open deal', 'open deals')}`;
  const partner = share[other];
  return el(
    'li',
    { class: 'skill-share', dataset: { mode: share.mode } },
    el('strong', {}, share.label),
    ': ',
    partnerLink(partner.partnerId, partner.name),
    el('span', { class: 'badge' }, MODE_TEXT[share.mode] ?? share.mode),
    ` — ${evidence}. `,
    el('span', { class: 'reason' }, share.reason),
  );
}

function renderTeaming(t) {
  const co = t.coDelivery;
  document.getElementById('co-delivery-summary').textContent =
    co.coDeliveredWonDeals > 0
      ? `${count(co.coDeliveredWonDeals, 'won deal', 'won deals')} shared with ${count(co.partners.length, 'partner', 'partners')}.`
      : 'No won deal shared with another partner.';
  fill(
    document.getElementById('co-delivery-partners'),
    co.partners.map((p) =>
      el(
        'li',
        {},
        partnerLink(p.partnerId, p.name),
        ` — ${count(p.wonDeals, 'shared won deal', 'shared won deals')}`,
      ),
    ),
  );
  fill(
    document.getElementById('teammates-list'),
    t.suggestedTeammates.length
      ? t.suggestedTeammates.map((m) =>
          el(
            'li',
            { class: 'teammate' },
            partnerLink(m.partnerId, m.name),
            ` brings ${m.labels.join(', ')} (score ${fmt(m.score)})`,
            m.coDeliveredWonDeals > 0
              ? el(
                  'span',
                  { class: 'badge co-delivered' },
                  `already won ${count(m.coDeliveredWonDeals, 'deal', 'deals')} together`,
                )
              : null,
          ),
        )
      : [el('li', {}, 'No complementary partner found (it holds no level yet, or nobody complements it).')],
  );
  fill(
    document.getElementById('learn-from'),
    t.skillSharing.learnFrom.length
      ? t.skillSharing.learnFrom.map((s) => skillShareItem(s, 'mentor'))
      : [el('li', {}, 'No technical-enablement need with a mentor.')],
  );
  fill(
    document.getElementById('teach'),
    t.skillSharing.teach.length
      ? t.skillSharing.teach.map((s) => skillShareItem(s, 'learner'))
      : [el('li', {}, 'Nobody to mentor.')],
  );
}

guarded(async () => {
  setStatus('Loading…');
  const data = await api(base);
  const p = data.partner;
  document.title = `${p.name} · Partner Atlas`;
  document.querySelector('h1').textContent = p.name;
  document.getElementById('partner-name').textContent = data.primarySegment?.label ?? 'No segment yet';
  factsList(document.getElementById('partner-facts'), {
    Domain: p.domain,
    Country: p.country,
    Region: p.region,
    Type: p.partnerType,
    'Legacy tier': p.legacyTier,
    'Scored at': data.scoredAt,
  });
  const refs = el(
    'dd',
    {},
    p.sourceRefs.map((r) =>
      r.url
        ? el(
            'a',
            { href: r.url, target: '_blank', rel: 'noopener noreferrer', class: 'crm-link' },
            `${r.system} ${r.object} ${r.id}`,
          )
        : `${r.system} ${r.object} ${r.id}`,
    ),
  );
  document.getElementById('partner-facts').append(el('dt', {}, 'CRM records'), refs);
  fill(
    document.getElementById('segments'),
    data.segments.length
      ? data.segments.map((s) => el('li', {}, `${s.label} (score ${fmt(s.score)})`))
      : [el('li', {}, 'None yet')],
  );
  fill(
    document.getElementById('needs'),
    data.needs.length
      ? data.needs.map((n) => el('li', {}, el('strong', {}, n.need.replace(/-/g, ' ')), ': ', n.summary))
      : [el('li', {}, 'No support need detected')],
  );
  fill(document.getElementById('cells'), data.cells.map(cellDetails));
  const [teaming, history] = await Promise.all([api(`${base}/teaming`), api(`${base}/history`)]);
  renderTeaming(teaming);
  renderHistory(history);
  setStatus('');
});
