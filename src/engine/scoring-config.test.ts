import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SCORING_CONFIG, ScoringConfigSchema } from '../model/scoring.js';

const yamlPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'mappings', 'scoring.yaml');

function problems(change: (c: Record<string, unknown>) => void): string[] {
  const config = structuredClone(DEFAULT_SCORING_CONFIG) as unknown as Record<string, unknown>;
  change(config);
  const result = ScoringConfigSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('mappings/scoring.yaml', () => {
  it('holds exactly the documented defaults', () => {
    const parsed = ScoringConfigSchema.parse(parse(readFileSync(yamlPath, 'utf8')));
    expect(parsed).toEqual(DEFAULT_SCORING_CONFIG);
  });

  it('documents every setting with a comment above it', () => {
    const lines = readFileSync(yamlPath, 'utf8').split('\n');
    const indent = (line: string) => line.length - line.trimStart().length;
    // Settings inside these maps are documented once, on the map.
    const documentedByParent = /^\s*(rates|roleWeights|levelWeights|signalWeights|weights|ladder):/;
    const undocumented: string[] = [];
    let inLadder = false;
    lines.forEach((line, i) => {
      if (/^\S/.test(line)) inLadder = false;
      if (/^\s+ladder:/.test(line)) inLadder = true;
      if (inLadder || !/^\s+[a-zA-Z]+:\s*[^\s#]/.test(line)) return;
      // Walk up over siblings (same or deeper indentation) looking for a comment; stop at the parent.
      for (let j = i - 1; j >= 0; j--) {
        const above = lines[j]!;
        if (above.trim() === '') continue;
        if (above.trim().startsWith('#')) return;
        if (indent(above) < indent(line)) {
          if (!documentedByParent.test(above)) undocumented.push(line.trim());
          return;
        }
      }
    });
    expect(undocumented).toEqual([]);
  });
});

describe('ScoringConfigSchema', () => {
  it('rejects misspelt keys', () => {
    expect(
      problems((c) => {
        (c.recency as Record<string, unknown>).dealHalflifeDays = 100;
      }),
    ).toEqual(['recency: Unrecognized key: "dealHalflifeDays"']);
  });

  it('requires the weights to add up to 1', () => {
    expect(
      problems((c) => {
        (c.weights as Record<string, number>).proof = 0.5;
      }),
    ).toEqual(['weights: weights must add up to 1 (they add up to 1.15)']);
  });

  it('refuses a keep threshold above the promote threshold', () => {
    expect(
      problems((c) => {
        const ladder = (c.levels as { ladder: { keep: { minScore: number } }[] }).ladder;
        ladder[0]!.keep.minScore = 90;
      }),
    ).toEqual([
      'levels.ladder.0.keep.minScore: keeping Specialist cannot ask more than reaching it (keep.minScore 90 > promote.minScore 80)',
    ]);
  });

  it('checks the base currency, level order and names, and percentile bounds', () => {
    expect(
      problems((c) => {
        (c.currency as { rates: Record<string, number> }).rates.EUR = 1.1;
      }),
    ).toEqual(['currency.rates.EUR: the base currency EUR must have rate 1']);
    expect(
      problems((c) => {
        const ladder = (c.levels as { ladder: { name: string }[] }).ladder;
        ladder[1]!.name = 'specialist';
      }),
    ).toEqual(['levels.ladder.1.name: level "specialist" is defined twice']);
    expect(
      problems((c) => {
        const ladder = (c.levels as { ladder: { promote: { minScore: number } }[] }).ladder;
        ladder[0]!.promote.minScore = 50;
      }),
    ).toContain(
      'levels.ladder.0.promote.minScore: levels are listed highest first: Specialist asks less than Proven',
    );
    expect(
      problems((c) => {
        (c.needs as Record<string, number>).lowPercentile = 70;
      }),
    ).toEqual(['needs.lowPercentile: lowPercentile must be below highPercentile']);
  });
});
