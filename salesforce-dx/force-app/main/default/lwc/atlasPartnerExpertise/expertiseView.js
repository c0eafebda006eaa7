// Turns the Account's Atlas Expertise records (UI API related-list records) into the grid and ranked list shown.

/** Best level first; the level names are the ones Atlas writes to Level__c. */
const LEVELS = ['Specialist', 'Proven', 'Emerging'];

/** How many cells the ranked list shows under the grid: enough for a rep's glance, the grid has the rest. */
export const RANKED_LIMIT = 5;

function fieldValue(record, field) {
  return record.fields[field]?.value ?? null;
}

/** CSS classes for a level: `cell cell_proven` for a grid cell, `badge badge_proven` for the list. */
function levelClass(kind, level) {
  const known = LEVELS.includes(level) ? level.toLowerCase() : 'other';
  return `${kind} ${kind}_${known}`;
}

function toCell(record) {
  const score = fieldValue(record, 'Score__c');
  return {
    id: record.id,
    name: fieldValue(record, 'Name'),
    sector: fieldValue(record, 'Sector__c') ?? 'Unknown sector',
    technology: fieldValue(record, 'Technology__c') ?? 'Unknown technology',
    level: fieldValue(record, 'Level__c') ?? 'No level',
    score: score === null ? null : Math.round(score),
    confidence: fieldValue(record, 'Confidence__c'),
    nextLevel: fieldValue(record, 'Next_Level__c'),
    scoredAt: fieldValue(record, 'Scored_At__c'),
  };
}

function byScore(a, b) {
  return (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name);
}

function sortedUnique(values) {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

/**
 * The view of a partner's expertise. Sectors and technologies are alphabetical so every partner's grid has the
 * same layout; the ranked list is by score.
 * @param {Array<{ id: string, fields: object }>} records related-list records of Atlas_Expertise__c
 */
export function toExpertiseView(records) {
  const cells = records.map(toCell);
  const technologies = sortedUnique(cells.map((c) => c.technology));
  const sectors = sortedUnique(cells.map((c) => c.sector));
  const at = new Map(cells.map((c) => [`${c.sector}\u0000${c.technology}`, c]));
  const rows = sectors.map((sector) => ({
    sector,
    cells: technologies.map((technology) => {
      const cell = at.get(`${sector}\u0000${technology}`);
      if (!cell) {
        return { key: technology, text: '', title: `${technology}: not scored`, cssClass: 'cell cell_none' };
      }
      const score = cell.score === null ? 'no score' : `score ${cell.score}`;
      return {
        key: technology,
        text: cell.score === null ? cell.level : String(cell.score),
        title: `${technology}: ${cell.level}, ${score}`,
        cssClass: levelClass('cell', cell.level),
      };
    }),
  }));
  const ranked = [...cells]
    .sort(byScore)
    .slice(0, RANKED_LIMIT)
    .map((c) => ({
      ...c,
      figures: [
        c.score === null ? 'No score' : `Score ${c.score}`,
        c.confidence === null ? null : `${Math.round(c.confidence)}% confidence`,
      ]
        .filter(Boolean)
        .join(' · '),
      nextLevelText: c.nextLevel || 'Highest level reached',
      badgeClass: levelClass('badge', c.level),
    }));
  const scoredAt = cells.reduce(
    (latest, c) => (c.scoredAt && (!latest || c.scoredAt > latest) ? c.scoredAt : latest),
    null,
  );
  return { cellCount: cells.length, technologies, rows, ranked, scoredAt };
}
