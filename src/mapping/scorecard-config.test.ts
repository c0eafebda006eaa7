import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS, mappingDir } from '../../test/support/mapping-dir.js';
import { MappingError } from '../errors.js';
import { checkMappings } from './load.js';
import {
  checkScorecardConfig,
  DEFAULT_SCORECARD_CONFIG,
  loadScorecardConfig,
  optedInSections,
} from './scorecard-config.js';

describe('scorecard.yaml', () => {
  it('ships a default that opts in to every section but the trend (benefits opted in by the file)', () => {
    const config = loadScorecardConfig(DEFAULT_MAPPINGS);
    expect(optedInSections(config)).toEqual(['segments', 'evidence', 'benefits', 'nextLevel', 'support']);
    expect(config.links).toEqual({ defaultDays: 30, maxDays: 90 });
    expect(config.support['technical-enablement']).toMatch(/certification vouchers/);
  });

  it('falls back to the built-in opt-ins without a file, and fills keys left out', () => {
    expect(checkScorecardConfig('scorecard.yaml', null).config).toEqual(DEFAULT_SCORECARD_CONFIG);
    const { config } = checkScorecardConfig('scorecard.yaml', 'sections:\n  support: false\n');
    expect(config && optedInSections(config)).toEqual(['segments', 'evidence', 'nextLevel']);
  });

  it('names the file, line and key of a mistake', () => {
    const { problems } = checkScorecardConfig(
      'mappings/scorecard.yaml',
      'sections:\n  segments: true\n  evidense: true\nlinks:\n  defaultDays: 120\n  maxDays: 90\n',
    );
    expect(problems.map((p) => [p.file, p.line, p.keyPath])).toEqual(
      expect.arrayContaining([
        ['mappings/scorecard.yaml', 3, 'sections.evidense'],
        ['mappings/scorecard.yaml', 5, 'links.defaultDays'],
      ]),
    );
  });

  it('is checked with the mapping directory (atlas mappings check) and refused at load', () => {
    const { dir, cleanup } = mappingDir();
    try {
      writeFileSync(join(dir, 'scorecard.yaml'), 'sections:\n  trend: sometimes\n');
      const { problems } = checkMappings(dir);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({
        file: join(dir, 'scorecard.yaml'),
        line: 2,
        keyPath: 'sections.trend',
      });
      expect(() => loadScorecardConfig(dir)).toThrow(MappingError);
      rmSync(join(dir, 'scorecard.yaml'));
      expect(checkMappings(dir).problems).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
