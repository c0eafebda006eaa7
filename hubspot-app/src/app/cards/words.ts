// Words the cards show: counted nouns and level colours (HubSpot bundles only this project, not Atlas's src/).

/** "1 partner", "2 partners". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The Tag variant for a level, best level strongest, matching the Salesforce grid's colours in spirit. */
export function levelVariant(level: string | null): 'success' | 'info' | 'default' {
  if (level === 'Specialist') return 'success';
  if (level === 'Proven') return 'info';
  return 'default';
}
