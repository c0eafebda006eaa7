import { afterEach, describe, expect, it } from 'vitest';
import { defaultText, edit, mappingDir, positionOf } from '../../test/support/mapping-dir.js';
import { checkMappings, loadMappings } from './load.js';
import { formatMappingSummary } from './summary.js';

const cleanups: (() => void)[] = [];
function check(files: Parameters<typeof mappingDir>[0]) {
  const { dir, cleanup } = mappingDir(files);
  cleanups.push(cleanup);
  return checkMappings(dir);
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const benefits = (from: string, to: string) => edit(defaultText('benefits.yaml'), from, to);

describe('benefits.yaml', () => {
  it('ships benefits that load and bind to the write-back fields naming them', () => {
    const { problems, mappings, summary } = check({});
    expect(problems).toEqual([]);
    expect(mappings?.benefits.map((b) => b.key)).toEqual([
      'mdf-eligibility',
      'lead-priority',
      'discount-band',
      'healthcare-programme',
    ]);
    const field = mappings?.salesforce?.writeback?.fields.find((f) => f.field === 'Atlas_Lead_Priority__c');
    expect(field?.benefit?.definition?.name).toBe('Lead priority');
    expect(formatMappingSummary(summary).join('\n')).toContain(
      'MDF eligibility, Lead priority, Discount band, Healthcare programme',
    );
  });

  it('reports a level not on the scoring ladder at its line, with a suggestion', () => {
    const text = benefits('- when: { level: Proven }', '- when: { level: Provn }');
    const { problems } = check({ 'benefits.yaml': text });
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem?.file).toMatch(/benefits\.yaml$/);
    expect(problem?.keyPath).toBe('benefits[1].rules[1].when.level');
    expect(problem?.line).toBe(positionOf(text, 'Provn').line);
    expect(problem?.message).toContain('"Provn" is not a level');
    expect(problem?.hint).toContain('did you mean "Proven"?');
  });

  it('reports a sector key the taxonomy does not define, with a suggestion', () => {
    const text = benefits('in: { sector: healthcare }', 'in: { sector: helthcare }');
    const { problems } = check({ 'benefits.yaml': text });
    expect(problems.map((p) => [p.keyPath, p.line])).toEqual([
      ['benefits[3].rules[0].when.in.sector', positionOf(text, 'helthcare').line],
    ]);
    expect(problems[0]?.hint).toContain('did you mean "healthcare"?');
  });

  it('reports a misspelt rule key and a repeated benefit key where they are', () => {
    const misspelt = benefits(
      'atLeast: 2 }\n        value: Eligible with',
      'atleast: 2 }\n        value: Eligible with',
    );
    const first = check({ 'benefits.yaml': misspelt }).problems;
    expect(first.map((p) => p.keyPath)).toContain('benefits[0].rules[1].when.atleast');
    expect(first.find((p) => p.keyPath.endsWith('atleast'))?.line).toBe(positionOf(misspelt, 'atleast').line);
    const repeated = benefits('key: discount-band', 'key: lead-priority');
    const second = check({ 'benefits.yaml': repeated }).problems;
    expect(second.map((p) => [p.keyPath, p.message])).toContainEqual([
      'benefits[2].key',
      'lead-priority is already the key of benefits[1]',
    ]);
  });

  it('reports a write-back field naming a benefit the file does not define, in the CRM mapping', () => {
    const sf = edit(defaultText('salesforce.yaml'), 'benefit: lead-priority', 'benefit: lead-priorty');
    const { problems } = check({ 'salesforce.yaml': sf });
    expect(problems.map((p) => [p.file.split('/').pop(), p.keyPath, p.line])).toEqual([
      ['salesforce.yaml', 'writeback.fields[7].benefit', positionOf(sf, 'lead-priorty').line],
    ]);
    expect(problems[0]?.hint).toBe('did you mean "lead-priority"?');
  });

  it('refuses benefit fields without the file, and loads without benefits when nothing names one', () => {
    const { problems } = check({ 'benefits.yaml': null });
    expect(problems.map((p) => p.keyPath)).toEqual([
      'writeback.fields[7].benefit',
      'writeback.fields[8].benefit',
      'writeback.fields[8].benefit',
      'writeback.fields[9].benefit',
    ]);
    expect(problems[0]?.hint).toBe('define it in mappings/benefits.yaml');
    const { dir, cleanup } = mappingDir({
      'benefits.yaml': null,
      'salesforce.yaml': null,
      'hubspot.yaml': null,
    });
    cleanups.push(cleanup);
    expect(loadMappings(dir).benefits).toEqual([]);
  });

  it('checks the write-back field of a benefit: it names one, only it does, and it holds one value', () => {
    const unnamed = edit(defaultText('salesforce.yaml'), '      benefit: lead-priority\n', '');
    const [missing] = check({ 'salesforce.yaml': unnamed }).problems;
    expect([missing?.keyPath, missing?.message]).toEqual([
      'writeback.fields[7].benefit',
      'a benefit field names its benefit',
    ]);
    const picklistSegment = edit(
      defaultText('salesforce.yaml'),
      'type: Text\n      length: 255',
      'type: Picklist',
    );
    expect(check({ 'salesforce.yaml': picklistSegment }).problems.map((p) => [p.keyPath, p.message])).toEqual(
      [['writeback.fields[0].type', 'primarySegment cannot be written to a Picklist field']],
    );
    const checkbox = edit(
      defaultText('hubspot.yaml'),
      'label: Atlas lead priority, type: enumeration, fieldType: select',
      'label: Atlas lead priority, type: enumeration, fieldType: checkbox',
    );
    expect(check({ 'hubspot.yaml': checkbox }).problems.map((p) => [p.keyPath, p.message, p.hint])).toEqual([
      ['writeback.fields[8].fieldType', 'benefit holds one value', 'use fieldType: select or radio'],
    ]);
    const stray = edit(
      defaultText('hubspot.yaml'),
      '{ result: primarySegment, property',
      '{ result: primarySegment, benefit: lead-priority, property',
    );
    expect(check({ 'hubspot.yaml': stray }).problems.map((p) => [p.keyPath, p.message])).toEqual([
      ['writeback.fields[0].benefit', 'benefit applies only to result: benefit, not to primarySegment'],
    ]);
  });
});
