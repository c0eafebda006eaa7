import { afterEach, describe, expect, it } from 'vitest';
import { defaultText, edit, mappingDir, positionOf } from '../../test/support/mapping-dir.js';
import { formatMappingProblem } from '../errors.js';
import { checkMappings } from './load.js';

const cleanups: (() => void)[] = [];
function check(files: Parameters<typeof mappingDir>[0]) {
  const { dir, cleanup } = mappingDir(files);
  cleanups.push(cleanup);
  return checkMappings(dir).problems;
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const SF_LISTS = '- { kind: list_views, per: segment, field: Atlas_Segments__c, namePrefix: "Atlas: " }';

describe('mappings check: list names', () => {
  it('passes the shipped mappings: every possible list name is unique and fits', () => {
    expect(check({}).map(formatMappingProblem)).toEqual([]);
  });

  it('still passes with every cell kind and every level asked for', () => {
    const sf = edit(
      defaultText('salesforce.yaml'),
      SF_LISTS,
      '- { kind: list_views, per: segment, field: Atlas_Segments__c, namePrefix: "Atlas: ", cells: [pair, sector, technology], levels: [Specialist, Proven, Emerging] }',
    );
    expect(check({ 'salesforce.yaml': sf }).map(formatMappingProblem)).toEqual([]);
  });

  it('names both lists when two short codes clash, at the line of the `short:` to change', () => {
    const taxonomy = edit(defaultText('taxonomy.yaml'), 'short: Gov', 'short: HLS');
    const problems = check({ 'taxonomy.yaml': taxonomy });
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem!.file).toMatch(/taxonomy\.yaml$/);
    expect(problem!.line).toBe(positionOf(taxonomy, 'short: HLS', 'key: public_sector').line);
    expect(problem!.message).toContain('"Healthcare & Life Sciences × Data & AI — Specialist"');
    expect(problem!.message).toContain('"Government & Public Sector × Data & AI — Specialist"');
    expect(problem!.message).toContain('"Atlas: HLS × Data & AI — Specialist"');
    expect(problem!.hint).toContain('`short:`');
  });

  it('reports a name longer than Salesforce holds, suggesting a shorter `short:`', () => {
    const taxonomy = edit(defaultText('taxonomy.yaml'), 'short: HLS', 'short: HealthLifeS');
    const sf = edit(
      defaultText('salesforce.yaml'),
      'namePrefix: "Atlas: "',
      'namePrefix: "Atlas partners: "',
    );
    const problems = check({ 'taxonomy.yaml': taxonomy, 'salesforce.yaml': sf });
    const long = problems.find((p) => p.message.includes('HealthLifeS'));
    expect(long?.message).toMatch(/\d+ characters; Salesforce holds 40/);
    expect(long?.line).toBe(positionOf(taxonomy, 'short: HealthLifeS').line);
    expect(long?.hint).toContain('namePrefix');
  });

  it('leaves HubSpot names alone (no label length to fit: full names)', () => {
    const taxonomy = edit(defaultText('taxonomy.yaml'), 'short: Gov', 'short: HLS');
    const problems = check({ 'taxonomy.yaml': taxonomy });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('Salesforce lists');
  });
});
