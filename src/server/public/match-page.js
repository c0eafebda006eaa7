// Match: a customer's sector, technologies and optional region in; ranked partners and, when no single partner covers every need, ranked teams.
import { api, byId, count, el, fill, fmt, guarded, option, partnerLink, setStatus } from './api.js';

const form = byId('match-form', HTMLFormElement);

function renderMatches(data) {
  const list = document.getElementById('matches');
  if (data.matches.length === 0) {
    fill(list, el('li', {}, 'No partner has evidence for this opportunity.'));
    return;
  }
  fill(
    list,
    data.matches.map((m) =>
      el(
        'li',
        { class: 'match' },
        el(
          'div',
          { class: 'match-head' },
          partnerLink(m.partnerId, m.name ?? m.partnerId),
          ` — ${m.level ?? (m.tier === 'adjacent' ? 'not proven in the cell' : 'no level')}`,
        ),
        el(
          'div',
          {},
          `Match score ${fmt(m.score)} · confidence ${fmt(m.confidence, 2)} · ${m.region ?? 'no region'}`,
        ),
        el('p', { class: 'reason' }, m.reason),
      ),
    ),
  );
}

function teamItem(team) {
  const weakest = team.needs.reduce((a, b) => (b.score < a.score ? b : a), team.needs[0]);
  const names = new Map(team.members.map((m) => [m.partnerId, m.name ?? m.partnerId]));
  return el(
    'li',
    { class: 'match team', dataset: { rank: String(team.rank) } },
    el(
      'div',
      { class: 'match-head' },
      team.members.flatMap((m, i) => [i > 0 ? ' + ' : '', partnerLink(m.partnerId, m.name ?? m.partnerId)]),
      team.coversAll
        ? el('span', { class: 'badge badge-good covers-all' }, 'covers every need')
        : el('span', { class: 'badge badge-warn' }, 'partial cover'),
      team.coDeliveredWonDeals > 0
        ? el(
            'span',
            { class: 'badge co-delivered' },
            `already won ${count(team.coDeliveredWonDeals, 'deal', 'deals')} together`,
          )
        : null,
    ),
    el(
      'ul',
      { class: 'team-members' },
      team.members.map((m) =>
        el(
          'li',
          { class: 'member' },
          el('strong', {}, m.name ?? m.partnerId),
          ' brings ',
          m.brings.map((c) => `${c.label} (${c.level ?? 'no level'}, score ${fmt(c.score)})`).join('; '),
        ),
      ),
    ),
    weakest
      ? el(
          'div',
          { class: 'weakest' },
          `Weakest need: ${weakest.label} at ${fmt(weakest.score)}${weakest.level ? ` (${weakest.level})` : ''} by ${names.get(weakest.partnerId) ?? weakest.partnerId}`,
        )
      : null,
    el('p', { class: 'reason' }, team.reason),
  );
}

/** The sentence above the teams, true to them: whether they cover every need or only come closest. */
function teamsLead(data) {
  const full = data.teams.filter((t) => t.coversAll).length;
  const top = data.topLevel;
  if (full === data.teams.length)
    return `No single partner holds ${top} in every need, but each of these teams of 2–3 partners covers every need together, weakest need first.`;
  if (full === 0)
    return `No team holds ${top} in every need either: these teams of 2–3 partners come closest (partial cover), weakest need first.`;
  return `${count(full, 'team covers', 'teams cover')} every need together at ${top}; the others come closest (partial cover). Weakest need first.`;
}

function renderTeams(data) {
  const section = document.getElementById('teams-section');
  section.hidden = data.teams.length === 0;
  fill(document.getElementById('teams'), data.teams.map(teamItem));
  document.getElementById('teams-lead').textContent = teamsLead(data);
  const needs = data.needs.map((n) => n.label).join(', ');
  document.getElementById('match-summary').textContent = data.coveredBySingle
    ? `Needs: ${needs}. A single partner holds ${data.topLevel} in every need.`
    : `Needs: ${needs}. No single partner holds ${data.topLevel} in every need${data.teams.length ? `; ${count(data.teams.length, 'team', 'teams')} proposed` : ''}.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(async () => {
    const params = new URLSearchParams();
    const data = new FormData(form);
    if (data.get('sector')) params.set('sector', String(data.get('sector')));
    const technologies = data.getAll('technologies').map(String);
    if (technologies.length) params.set('technologies', technologies.join(','));
    if (data.get('region')) params.set('region', String(data.get('region')));
    setStatus('Matching…');
    const result = await api(`/api/match?${params}`);
    renderTeams(result);
    renderMatches(result);
    setStatus(
      `${count(result.matches.length, 'partner', 'partners')} ranked, ${count(result.teams.length, 'team', 'teams')}`,
    );
  });
});

guarded(async () => {
  const { facets } = await api('/api/partners?limit=1');
  fill(
    document.getElementById('m-sector'),
    option('', 'Any'),
    facets.sectors.map((s) => option(s.key, s.label)),
  );
  fill(
    document.getElementById('m-region'),
    option('', 'Any'),
    facets.regions.map((r) => option(r, r)),
  );
  fill(
    document.getElementById('m-technologies'),
    facets.technologies.map((t) =>
      el(
        'div',
        { class: 'check' },
        el('input', { type: 'checkbox', id: `tech-${t.key}`, name: 'technologies', value: t.key }),
        el('label', { for: `tech-${t.key}` }, t.label),
      ),
    ),
  );
});
