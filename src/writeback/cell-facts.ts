/**
 * A partner's levelled sector × technology cells in people's words, best first: what the per-cell records
 * (Salesforce `Atlas_Expertise__c`) and the one-line-per-cell text (HubSpot `atlas_expertise_cells`) both
 * say, defined once.
 */
import { cellLabel, describeMissing } from '../engine/index.js';
import type { CellScore, NextLevel, Taxonomy } from '../model/index.js';

/** One levelled cell, in the figures and words people read. */
export interface CellFacts {
  /** The cell key (`healthcare|data_ai`). */
  cell: string;
  /** "Healthcare & Life Sciences × Data & AI". */
  label: string;
  sector: string;
  technology: string;
  level: string;
  /** 0–100 in whole points. */
  score: number;
  /** 0–100 in whole percent. */
  confidence: number;
  wonCustomers: number;
  certifiedPeople: number;
  /** What the next level needs, in counts that move only with the evidence; empty at the top level. */
  nextLevel: string;
}

/** Requirements whose figures move every night as evidence ages: named, never quantified. */
const DRIFTING: ReadonlySet<string> = new Set(['score', 'confidence']);

/** What the next level needs, in counts that change only with the evidence. */
export function nextInWords(next: NextLevel, cell: string, taxonomy: Taxonomy): string {
  const steady = next.missing.filter((m) => !DRIFTING.has(m.requirement));
  const higher = `a higher score (more won, delivered or certified work in ${cellLabel(cell, taxonomy)})`;
  if (steady.length === 0) return `${next.level} in ${cellLabel(cell, taxonomy)} needs ${higher}`;
  const text = describeMissing({ ...next, missing: steady }, cell, taxonomy);
  return steady.length < next.missing.length ? `${text}; ${higher}` : text;
}

/**
 * The partner's sector × technology cells holding a level (one of `levels` when given), best first: higher
 * whole-point score, then the cell key, so the order is stable from night to night.
 */
export function levelledCells(
  cells: readonly CellScore[],
  taxonomy: Taxonomy,
  levels?: readonly string[],
): CellFacts[] {
  return cells
    .filter((c) => c.kind === 'pair' && c.level !== null && (!levels || levels.includes(c.level)))
    .map((c) => {
      const [sector = '*', technology = '*'] = c.cell.split('|');
      return {
        cell: c.cell,
        label: cellLabel(c.cell, taxonomy),
        sector: cellLabel(`${sector}|*`, taxonomy),
        technology: cellLabel(`*|${technology}`, taxonomy),
        level: c.level ?? '',
        score: Math.round(c.score),
        confidence: Math.round(c.confidence * 100),
        wonCustomers: c.figures.wonCustomers,
        certifiedPeople: c.figures.certifiedPeople,
        nextLevel: c.next ? nextInWords(c.next, c.cell, taxonomy) : '',
      };
    })
    .sort((a, b) => b.score - a.score || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
}

/**
 * One cell as a line of text, what the next level needs last (nothing at the top level):
 * "Healthcare & Life Sciences × Data & AI — Proven · score 74 · 61% confidence · next: Specialist needs …".
 */
export function cellLine(facts: CellFacts): string {
  const line = `${facts.label} — ${facts.level} · score ${facts.score} · ${facts.confidence}% confidence`;
  return facts.nextLevel ? `${line} · next: ${facts.nextLevel}` : line;
}
