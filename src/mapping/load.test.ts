import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAPPINGS,
  defaultText,
  edit,
  mappingDir,
  positionOf,
} from '../../test/support/mapping-dir.js';
import { MappingError } from '../errors.js';
import { TaxonomySchema } from '../model/index.js';
import { DEFAULT_SCORING_CONFIG } from '../model/scoring.js';
import { checkMappings, loadMappings } from './load.js';
import { formatMappingSummary } from './summary.js';

const cleanups: (() => void)[] = [];
function dirWith(files: Parameters<typeof mappingDir>[0]): string {
  const { dir, cleanup } = mappingDir(files);
  cleanups.push(cleanup);
  return dir;
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('scoring.yaml', () => {
  it('reports a misspelt scoring key at its line, with a suggestion', () => {
    const text = edit(defaultText('scoring.yaml'), 'dealHalfLifeDays:', 'dealHalfLifeDayz:');
    const { problems } = checkMappings(dirWith({ 'scoring.yaml': text }));
    const scoring = problems.filter((p) => p.file.endsWith('scoring.yaml'));
    const unknown = scoring.find((p) => p.keyPath === 'recency.dealHalfLifeDayz');
    expect(unknown?.line).toBe(positionOf(text, 'dealHalfLifeDayz').line);
    expect(`${unknown?.message} ${unknown?.hint}`).toContain('did you mean "dealHalfLifeDays"');
    expect(scoring.map((p) => p.keyPath)).toContain('recency.dealHalfLifeDays');
  });

  it('falls back to the documented defaults when the file is absent', () => {
    const loaded = loadMappings(dirWith({ 'scoring.yaml': null }));
    expect(loaded.scoring).toEqual(DEFAULT_SCORING_CONFIG);
    expect(loaded.files.scoring).toBeNull();
  });

  it('ships a scoring.yaml equal to the documented defaults', () => {
    expect(loadMappings(DEFAULT_MAPPINGS).scoring).toEqual(DEFAULT_SCORING_CONFIG);
  });

  it('turns the demotion review on with the commented block, and rejects a review of no nights', () => {
    const on = edit(
      edit(edit(defaultText('scoring.yaml'), '# review:', 'review:'), '#   demotions:', '  demotions:'),
      '#     enabled: false\n#     nights: 7',
      '    enabled: true\n    nights: 3',
    );
    expect(loadMappings(dirWith({ 'scoring.yaml': on })).scoring.review).toEqual({
      demotions: { enabled: true, nights: 3 },
    });
    const { problems } = checkMappings(dirWith({ 'scoring.yaml': edit(on, 'nights: 3', 'nights: 0') }));
    expect(problems.map((p) => p.keyPath)).toContain('review.demotions.nights');
  });
});

describe('loadMappings', () => {
  it('loads the default directory', () => {
    const loaded = loadMappings(DEFAULT_MAPPINGS);
    expect(loaded.salesforce?.system).toBe('salesforce');
    expect(loaded.hubspot?.system).toBe('hubspot');
    expect(TaxonomySchema.safeParse(loaded.taxonomy).success).toBe(true);
    expect(loaded.files).toEqual({
      salesforce: join(DEFAULT_MAPPINGS, 'salesforce.yaml'),
      hubspot: join(DEFAULT_MAPPINGS, 'hubspot.yaml'),
      taxonomy: join(DEFAULT_MAPPINGS, 'taxonomy.yaml'),
      scoring: join(DEFAULT_MAPPINGS, 'scoring.yaml'),
    });
  });

  it('loads any directory and treats a missing CRM file as not configured', () => {
    const dir = dirWith({ 'hubspot.yaml': null });
    const loaded = loadMappings(dir);
    expect(loaded.hubspot).toBeNull();
    expect(loaded.files.hubspot).toBeNull();
    expect(loaded.salesforce?.entities.partners.object).toBe('Account');
    const { summary, problems } = checkMappings(dir);
    expect(problems).toEqual([]);
    expect(summary.systems.find((s) => s.system === 'hubspot')?.status).toBe('not_configured');
    expect(formatMappingSummary(summary).join('\n')).toContain('hubspot: not configured');
  });

  it('fails when the taxonomy is missing', () => {
    const dir = dirWith({ 'taxonomy.yaml': null });
    expect(() => loadMappings(dir)).toThrow(MappingError);
    const { problems, summary } = checkMappings(dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: join(dir, 'taxonomy.yaml'),
        line: 1,
        column: 1,
        message: expect.stringContaining('taxonomy file is missing'),
      }),
    ]);
    expect(summary.taxonomy.status).toBe('missing');
  });

  it('throws one MappingError carrying every problem of every file', () => {
    const dir = dirWith({
      'salesforce.yaml': edit(
        defaultText('salesforce.yaml'),
        'closeDate: { path: CloseDate',
        'closedate: { path: CloseDate',
      ),
      'hubspot.yaml': edit(defaultText('hubspot.yaml'), 'result: topScore', 'result: topscore'),
      'taxonomy.yaml': edit(defaultText('taxonomy.yaml'), 'label: DevOps', 'lable: DevOps'),
    });
    let error: unknown;
    try {
      loadMappings(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MappingError);
    if (!(error instanceof MappingError)) return;
    // The misspelt taxonomy key is two problems: the unknown `lable` and the missing `label`.
    expect(error.problems.map((p) => p.file).sort()).toEqual(
      [
        join(dir, 'hubspot.yaml'),
        join(dir, 'salesforce.yaml'),
        join(dir, 'taxonomy.yaml'),
        join(dir, 'taxonomy.yaml'),
      ].sort(),
    );
    expect(error.message).toMatch(/:\d+:\d+ .+ \(and 3 more\)$/);
    expect(error.context['file']).toBe(error.problems[0]?.file);
  });

  it('reports malformed YAML in a mapping file with line and column', () => {
    const dir = dirWith({
      'salesforce.yaml': 'system: salesforce\nentities:\n  partners: {object: Account\n',
    });
    const { problems, summary } = checkMappings(dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({
      file: join(dir, 'salesforce.yaml'),
      message: expect.stringMatching(/^invalid YAML/),
    });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
    expect(summary.systems[0]?.status).toBe('invalid');
  });

  it('reports a file it cannot read', () => {
    const dir = dirWith({ 'salesforce.yaml': null });
    mkdirSync(join(dir, 'salesforce.yaml'));
    const { problems } = checkMappings(dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: join(dir, 'salesforce.yaml'),
        message: 'cannot read the file (EISDIR)',
      }),
    ]);
    rmSync(join(dir, 'salesforce.yaml'), { recursive: true });
  });
});

describe('checkMappings summary', () => {
  it('describes entities, linkage, write-back and taxonomy counts', () => {
    const { summary } = checkMappings(DEFAULT_MAPPINGS);
    const salesforce = summary.systems.find((s) => s.system === 'salesforce');
    expect(salesforce?.entities.find((e) => e.entity === 'deals')).toEqual({
      entity: 'deals',
      object: 'Opportunity',
      fields: 15,
      filter: 0,
      linkage: ['lookup', 'lookup', 'junction'],
    });
    expect(salesforce?.writeback?.fields).toContainEqual({
      result: 'topScore',
      target: 'Atlas_Top_Score__c',
      type: 'Number',
    });
    expect(salesforce?.writeback?.lists).toEqual([
      { kind: 'list_views', per: 'segment', namePrefix: 'Atlas: ' },
    ]);
    const hubspot = summary.systems.find((s) => s.system === 'hubspot');
    expect(hubspot?.entities.find((e) => e.entity === 'deals')?.linkage).toEqual(['association']);
    expect(hubspot?.writeback?.lists.map((l) => l.per)).toEqual(['segment', 'need']);
    expect(summary.taxonomy).toMatchObject({ status: 'ok', technologies: 7, unmapped: 1 });
    expect(summary.taxonomy.sectors).toBeGreaterThanOrEqual(10);
    const text = formatMappingSummary(summary).join('\n');
    expect(text).toContain('deals ← Opportunity: 15 fields, partners via lookup + lookup + junction');
    expect(text).toContain('topScore → atlas_top_score (number/number)');
  });
});
