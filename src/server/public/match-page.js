// Match: a customer's sector, technologies and optional region in; ranked partners with the reason for each rank.
import { api, el, fill, fmt, guarded, option, partnerLink, setStatus } from './api.js';

const form = document.getElementById('match-form');

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
          ` — ${m.level ?? (m.tier === 'adjacent' ? 'adjacent expertise' : 'no level')}`,
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
    renderMatches(result);
    setStatus(`${result.matches.length} partners ranked`);
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
