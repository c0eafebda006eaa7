// Reads the company property atlas_expertise_cells (one line per levelled cell, best first) into rows.

/** One line of atlas_expertise_cells, e.g. "Healthcare × Data & AI — Proven · score 74 · 61% confidence · next: …". */
export interface ExpertiseCell {
  label: string;
  level: string | null;
  score: number | null;
  confidence: number | null;
  /** What the next level needs; null at the top level (Atlas writes no "next:" part there). */
  nextLevel: string | null;
}

const LINE = /^(.+?) — (.+?) · score (\d+(?:\.\d+)?) · (\d+(?:\.\d+)?)% confidence(?: · next: (.*))?$/;

function toCell(line: string): ExpertiseCell {
  const m = LINE.exec(line);
  // A line in another shape is still words Atlas wrote for people: show it whole rather than drop it.
  if (!m) return { label: line, level: null, score: null, confidence: null, nextLevel: null };
  const [, label = line, level = '', score = '', confidence = '', next = ''] = m;
  return {
    label,
    level,
    score: Math.round(Number(score)),
    confidence: Math.round(Number(confidence)),
    nextLevel: next.trim() === '-' || next.trim() === '' ? null : next.trim(),
  };
}

/** The cells in the property's order (best first); blank lines are skipped. */
export function parseExpertiseCells(text: string | null | undefined): ExpertiseCell[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(toCell);
}
