/** The ecosystem map as a terminal matrix: Specialists per sector × technology, coloured by coverage, flags marked. */
import type { EcosystemCell, EcosystemMap } from '../model/score.js';
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
  lines.push(
    `(${topLevel}s per cell; G gap: demand without enough ${topLevel}s, S saturated, ! one partner holds half the evidence` +
      (tty ? '; red gap, yellow thin coverage, green covered, blue saturated, dim no demand)' : ')'),
  );
  return lines;
}
