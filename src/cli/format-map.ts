/** The ecosystem map in the terminal: where one more Specialist helps most, the matrix coloured by coverage with flags marked, the top gaps. */
import { cellLabel, count } from '../engine/index.js';
import type { EcosystemCell, EcosystemMap } from '../model/score-map.js';
import type { Taxonomy } from '../model/taxonomy.js';

const COLOURS = { red: 31, yellow: 33, green: 32, blue: 34, dim: 2 } as const;
type Colour = keyof typeof COLOURS;

function paint(text: string, colour: Colour, tty: boolean): string {
  return tty ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text;
}

/** Gap red, saturated blue, thin coverage yellow, covered green, no demand dim. */
function colourOf(cell: EcosystemCell): Colour {
  if (cell.flags.includes('gap')) return 'red';
  if (cell.flags.includes('saturated')) return 'blue';
  if (cell.coverage === null) return 'dim';
  return cell.coverage < 1 ? 'yellow' : 'green';
}

/** `3!` = three Specialists, one of them holding half the evidence; `0G` = a gap; `5S` = saturated. */
function cellText(cell: EcosystemCell | undefined, topLevel: string): string {
  if (!cell) return '·';
  const flag = cell.flags.includes('gap')
    ? 'G'
    : cell.flags.includes('saturated')
      ? 'S'
      : cell.flags.includes('single-point-of-failure')
        ? '!'
        : '';
  return `${cell.partnersByLevel[topLevel] ?? 0}${flag}`;
}

/**
 * Renders the pair cells of `map` as rows of sectors and columns of technologies.
 * @example formatEcosystemMatrix(scores.map, taxonomy, 'Specialist', process.stdout.isTTY)
 */
export function formatEcosystemMatrix(
  map: EcosystemMap,
  taxonomy: Taxonomy,
  topLevel: string,
  tty: boolean,
): string[] {
  const byKey = new Map(map.cells.map((c) => [c.cell, c]));
  const rowHead = Math.max(...taxonomy.sectors.map((s) => s.label.length), 6);
  const widths = taxonomy.technologies.map((t) => Math.max(t.label.length, 4));
  const lines = [
    `${''.padEnd(rowHead)}  ${taxonomy.technologies.map((t, i) => t.label.padStart(widths[i]!)).join('  ')}`,
  ];
  for (const sector of taxonomy.sectors) {
    const cells = taxonomy.technologies.map((tech, i) => {
      const cell = byKey.get(`${sector.key}|${tech.key}`);
      const text = cellText(cell, topLevel).padStart(widths[i]!);
      return cell ? paint(text, colourOf(cell), tty) : text;
    });
    lines.push(`${sector.label.padEnd(rowHead)}  ${cells.join('  ')}`);
  }
  const threshold = map.gapThresholds?.pair;
  const gap =
    threshold === undefined
      ? 'G gap: demand without enough qualified partners'
      : `G gap: ${count(threshold, 'deal', 'deals', deals)} or more unmet (an average cell's demand) and low coverage`;
  lines.push(
    `(${topLevel}s per cell; ${gap}, S saturated: capacity well above demand, ! one partner holds half the evidence` +
      (tty ? '; red gap, yellow thin coverage, green covered, blue saturated, dim no demand)' : ')'),
  );
  return lines;
}

/** A number of deals as people write it: whole numbers plain, others to one decimal. */
export function deals(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** "qualified: 1 Proven, 5 Emerging", or "no qualified partner". */
export function qualifiedPartners(cell: EcosystemCell): string {
  const held = Object.entries(cell.partnersByLevel).filter(([, n]) => n > 0);
  if (held.length === 0) return 'no qualified partner';
  return `qualified: ${held.map(([level, n]) => `${n} ${level}`).join(', ')}`;
}

/**
 * The map's priority list in words: the cells where one more partner at the top level would serve the
 * most unmet demand, most first.
 * @example formatPriorities(scores.map, taxonomy, 'Specialist')
 * // "The 10 cells where one more Specialist would serve the most unmet demand:"
 * // " 1. Manufacturing × Modern Work: 114 of 134 deals unmet (qualified: 1 Proven, 5 Emerging); one more Specialist would serve 20 — gap"
 */
export function formatPriorities(map: EcosystemMap, taxonomy: Taxonomy, topLevel: string): string[] {
  if (map.priorities.length === 0) {
    return ['Every sector × technology cell has the qualified partners its demand needs: no unmet demand.'];
  }
  const byKey = new Map(map.cells.map((c) => [c.cell, c]));
  const lines = [
    `The ${count(map.priorities.length, 'cell', 'cells')} where one more ${topLevel} would serve the most unmet demand:`,
  ];
  map.priorities.forEach((p, i) => {
    const cell = byKey.get(p.cell);
    const who = cell ? ` (${qualifiedPartners(cell)})` : '';
    const gap = cell?.flags.includes('gap') ? ' — gap' : '';
    lines.push(
      `${String(i + 1).padStart(2)}. ${cellLabel(p.cell, taxonomy)}: ${deals(p.unmetDemand)} of ${count(p.demand, 'deal', 'deals')} unmet${who}; one more ${topLevel} would serve ${deals(p.covers)}${gap}`,
    );
  });
  return lines;
}
