/** Scorecard sentences spoken to the partner ("you"): levels held, what the next level needs, support, trend. */
import { cellLabel, count } from '../../engine/index.js';
import type { ScorecardSection } from '../../mapping/index.js';
import type { NeedKind, NextLevel, Taxonomy } from '../../model/index.js';

/** "a Specialist partner", "an Emerging partner": level names are the programme's own words. */
export function levelPartner(level: string): string {
  return `${/^[aeiou]/i.test(level) ? 'an' : 'a'} ${level} partner`;
}

/** "You are a Specialist partner in Healthcare × Data & AI." */
export function levelHeld(level: string, area: string): string {
  return `You are ${levelPartner(level)} in ${area}.`;
}

/** "3 won customers, 1 certified person and 2 active certifications." */
export function evidenceCounts(
  wonCustomers: number,
  certifiedPeople: number,
  certifications: number,
): string {
  return `${count(wonCustomers, 'won customer', 'won customers')}, ${count(certifiedPeople, 'certified person', 'certified people')} and ${count(certifications, 'active certification', 'active certifications')}.`;
}

/** "a, b and c". */
function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Where a cell's certified people count: its technology, or its sector for a whole-sector cell. */
function skillsArea(cell: string, taxonomy: Taxonomy): string {
  const [sector = '*', technology = '*'] = cell.split('|');
  return cellLabel(technology === '*' ? `${sector}|*` : `*|${technology}`, taxonomy);
}

/**
 * What the next level needs, to the partner: "To become a Specialist partner in Retail × Cloud you need
 * 2 more won customers in Retail × Cloud and 1 more certified person in Cloud." The score and confidence
 * minimums move every night as evidence ages, so they are named as more work, never as points.
 */
export function nextLevelNeeds(next: NextLevel, cell: string, taxonomy: Taxonomy): string {
  const area = cellLabel(cell, taxonomy);
  const parts: string[] = [];
  let moreWork = false;
  for (const m of next.missing) {
    const gap = Math.max(1, Math.ceil(m.need - m.have));
    switch (m.requirement) {
      case 'wonCustomers':
        parts.push(`${count(gap, 'more won customer', 'more won customers')} in ${area}`);
        break;
      case 'certifiedPeople':
        parts.push(
          `${count(gap, 'more certified person', 'more certified people')} in ${skillsArea(cell, taxonomy)}`,
        );
        break;
      case 'pairCells':
        parts.push(
          `the ${next.level} level in ${cell.startsWith('*|') ? count(gap, 'more sector', 'more sectors') : count(gap, 'more technology', 'more technologies')} within ${area}`,
        );
        break;
      default:
        moreWork = true;
    }
  }
  if (moreWork) parts.push(`more won, delivered or certified work in ${area}`);
  const goal = `To become ${levelPartner(next.level)} in ${area}`;
  if (parts.length === 0)
    return `${goal}: you meet every minimum already; it is confirmed at a coming review.`;
  return `${goal} you need ${listInWords(parts)}.`;
}

/** What the programme offers for each kind of need, when `mappings/scorecard.yaml` does not say. */
export const DEFAULT_SUPPORT_OFFERS: Record<NeedKind, string> = {
  'technical-enablement':
    'Training and certification support, so more of your people are certified where you win.',
  'sales-marketing-support':
    'Joint marketing and shared leads, so your certified skills reach more customers.',
  'sales-enablement': 'Sales coaching and help on live deals, to turn more of your opportunities into wins.',
  're-engagement': 'A planning session with your partner manager to find new opportunities together.',
};

/** "in Healthcare × Data & AI and Retail × Cloud", or nothing for a partner-wide need. */
export function supportAreas(areas: readonly string[]): string {
  return areas.length === 0 ? '' : `in ${listInWords(areas)}`;
}

/** "3 March 2026": a day as people read it (UTC, the day the run scored for). */
export function dayInWords(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * How one level moved, from the runs' history: "You moved up from Proven to Specialist in X on 3 March 2026."
 * `previous` is the level before the last change (null: none), `rank` orders levels (0 = top).
 */
export function levelTrend(o: {
  level: string;
  previous: string | null;
  area: string;
  since: string;
  changed: boolean;
  rank: (level: string) => number;
}): string {
  const day = dayInWords(o.since);
  if (!o.changed) return `You have been ${levelPartner(o.level)} in ${o.area} since ${day}.`;
  if (o.previous === null) return `You became ${levelPartner(o.level)} in ${o.area} on ${day}.`;
  const direction = o.rank(o.level) < o.rank(o.previous) ? 'moved up' : 'moved';
  return `You ${direction} from ${o.previous} to ${o.level} in ${o.area} on ${day}.`;
}

/** The heading of each section, the same on the page and in the PDF. */
export const SECTION_TITLES: Record<ScorecardSection, string> = {
  segments: 'Your levels',
  evidence: 'What your levels rest on',
  benefits: 'What your levels earn you',
  nextLevel: 'Your next level',
  support: 'Support you can ask for',
  trend: 'How your levels moved',
};

/** What a section says when it has nothing to list. */
export const SECTION_EMPTY: Record<ScorecardSection, string> = {
  segments: 'You do not hold a level yet.',
  evidence: 'There is no evidence behind a level yet.',
  benefits: 'Your levels earn no programme benefit yet.',
  nextLevel: 'You hold the top level wherever you have evidence.',
  support: 'Nothing to ask for right now: talk to your partner manager about your plans.',
  trend: 'There is no history of your levels yet.',
};
