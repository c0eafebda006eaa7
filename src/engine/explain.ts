/** Explanations: the evidence items behind a score (with points and CRM record ids) and what the next level lacks, in words. */
import type { EvidenceItem, MissingEvidence, NextLevel } from '../model/score-cell.js';
import type { Taxonomy } from '../model/taxonomy.js';
import type { ScoreCore } from './score-core.js';
import type { PartnerTops } from './top-evidence.js';
import { count } from './words.js';

/**
 * The strongest evidence items of a row, best first: won deals (the best deal per customer) and certified
 * people (their best certification). Each item's points are its share of its component's points, so the
 * items of a component add up to that component.
 */
export function topEvidence(
  core: ScoreCore,
  row: number,
  tops: PartnerTops,
  limit: number,
  points: { proof: number; skills: number },
): EvidenceItem[] {
  const { table, input } = core;
  const n = tops.n;
  const at = table.cell[row]! * n;
  const items: EvidenceItem[] = [];
  const proofMass = table.proofMass[row]!;
  const skillsMass = table.skillsMass[row]!;
  let k = 0;
  let j = 0;
  // Merge the two best-first lists by points; -1 marks the end of a list.
  while (items.length < limit) {
    const deal = k < n ? tops.deal[at + k]! : -1;
    const cert = j < n ? tops.cert[at + j]! : -1;
    if (deal < 0 && cert < 0) break;
    const dealPoints =
      deal >= 0 ? (points.proof * tops.dealWeight[at + k]!) / proofMass : Number.NEGATIVE_INFINITY;
    const certPoints =
      cert >= 0 ? (points.skills * tops.certWeight[at + j]!) / skillsMass : Number.NEGATIVE_INFINITY;
    if (dealPoints >= certPoints) {
      const d = input.deals[deal]!;
      items.push({ kind: 'won-deal', source: d.source, points: round2(dealPoints), date: d.closeDate });
      k++;
    } else {
      const c = input.certifications[cert]!;
      items.push({ kind: 'certification', source: c.source, points: round2(certPoints), date: c.earnedDate });
      j++;
    }
  }
  return items;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function labelOf(entries: Taxonomy['sectors'], key: string): string {
  return entries.find((e) => e.key === key)?.label ?? key;
}

/** "Healthcare × Data & AI", "Healthcare" or "Data & AI" for a cell key. */
export function cellLabel(cell: string, taxonomy: Taxonomy): string {
  const [sector = '*', technology = '*'] = cell.split('|');
  if (sector === '*') return labelOf(taxonomy.technologies, technology);
  if (technology === '*') return labelOf(taxonomy.sectors, sector);
  return `${labelOf(taxonomy.sectors, sector)} × ${labelOf(taxonomy.technologies, technology)}`;
}

/** Where the certified people of a cell come from: its technology (or its sector for a sector cell). */
function skillsLabel(cell: string, taxonomy: Taxonomy): string {
  const [sector = '*', technology = '*'] = cell.split('|');
  return technology === '*' ? labelOf(taxonomy.sectors, sector) : labelOf(taxonomy.technologies, technology);
}

const plural = (n: number, one: string, many: string) => count(n, `more ${one}`, `more ${many}`);

/** " (a better win rate or more of its work in Retail × Cloud)": what can still raise a score; "" for none known. */
function leversInWords(levers: MissingEvidence['levers'], cell: string, taxonomy: Taxonomy): string {
  // Scores stored before levers were named list none: the general advice, as then.
  const kinds: NonNullable<MissingEvidence['levers']> = levers ?? ['winRate', 'delivery', 'proof'];
  // "There" is the cell the sentence names: "Proven in Retail × Cloud needs 3.2 more score points (…)".
  const said: Record<(typeof kinds)[number], string> = {
    winRate: 'a better win rate',
    moreWins: 'more won deals there',
    delivery: 'better delivery',
    proof: 'more of its work there',
    skills: `more certified people in ${skillsLabel(cell, taxonomy)}`,
  };
  const words = kinds.map((lever) => said[lever]);
  if (words.length === 0) return '';
  const last = words.pop();
  return ` (${words.length > 0 ? `${words.join(', ')} or ${last}` : last})`;
}

/**
 * What the next level lacks, in a partner manager's words:
 * "Proven in Healthcare × Data & AI needs 2 more certified people in Data & AI; 1 more won customer in Healthcare × Data & AI".
 */
export function describeMissing(next: NextLevel, cell: string, taxonomy: Taxonomy): string {
  const where = cellLabel(cell, taxonomy);
  const parts = next.missing.map((m) => {
    const gap = m.need - m.have;
    switch (m.requirement) {
      case 'wonCustomers':
        return `${plural(gap, 'won customer', 'won customers')} in ${where} (within the level window)`;
      case 'certifiedPeople':
        return `${plural(gap, 'certified person', 'certified people')} in ${skillsLabel(cell, taxonomy)}`;
      case 'confidence':
        return `more closed deals or certified people in ${where}: the score rests ${Math.round(m.have * 100)}% on the partner's own evidence, ${Math.round(m.need * 100)}% needed`;
      case 'pairCells':
        return cell.startsWith('*|')
          ? `${next.level} or above in ${plural(gap, 'sector', 'sectors')} with ${where}`
          : `${next.level} or above in ${plural(gap, 'technology', 'technologies')} within ${where}`;
      default:
        return `${(Math.round(gap * 10) / 10).toFixed(1)} more score points${leversInWords(m.levers, cell, taxonomy)}`;
    }
  });
  if (parts.length === 0) return `${next.level} in ${where}: every minimum is met`;
  return `${next.level} in ${where} needs ${parts.join('; ')}`;
}
