import { describe, expect, it } from 'vitest';
import { defaultText, edit, type MappingFileName, positionOf } from '../../test/support/mapping-dir.js';
import { formatMappingProblem } from '../errors.js';
import { checkMappingSources } from './load.js';

const SF = 'mappings/salesforce.yaml';
const HS = 'mappings/hubspot.yaml';

/** Checks the default mapping texts with some files replaced. */
function check(files: Partial<Record<MappingFileName, string | null>> = {}) {
  const text = (name: MappingFileName) => (name in files ? (files[name] ?? null) : defaultText(name));
  return checkMappingSources({
    dir: 'mappings',
    salesforce: { file: SF, text: text('salesforce.yaml') },
    hubspot: { file: HS, text: text('hubspot.yaml') },
    taxonomy: { file: 'mappings/taxonomy.yaml', text: text('taxonomy.yaml') },
    scoring: { file: 'inline/scoring.yaml', text: null },
  });
}

const sf = (from: string, to: string) => edit(defaultText('salesforce.yaml'), from, to);
const hs = (from: string, to: string) => edit(defaultText('hubspot.yaml'), from, to);

describe('default mappings', () => {
  it('load cleanly, with both CRMs and every entity configured', () => {
    const { problems, mappings, summary } = check();
    expect(problems).toEqual([]);
    expect(mappings?.salesforce?.entities.deals?.partners?.map((l) => l.kind)).toEqual([
      'lookup',
      'lookup',
      'junction',
    ]);
    expect(mappings?.hubspot?.entities.partners.filter).toEqual([
      { field: 'type', op: 'in', value: ['PARTNER', 'RESELLER'] },
    ]);
    expect(summary.systems.map((s) => [s.system, s.status, s.entities.length])).toEqual([
      ['salesforce', 'ok', 4],
      ['hubspot', 'ok', 4],
    ]);
  });
});

describe('optional fields', () => {
  it('refuses optional on a required model field without a default', () => {
    const text = sf(
      'isWon: { path: IsWon, cast: boolean }',
      'isWon: { path: IsWon, cast: boolean, optional: true }',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.isWon.optional',
        message: 'deals.isWon is required, so its field cannot be optional',
      }),
    ]);
  });
});

describe('unknown keys', () => {
  it('rejects a misspelt model field with a did-you-mean at the key', () => {
    const text = sf('closeDate: { path: CloseDate', 'closedate: { path: CloseDate');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      {
        file: SF,
        ...positionOf(text, 'closedate:'),
        keyPath: 'entities.deals.fields.closedate',
        message: 'unknown key "closedate"',
        hint: 'did you mean "closeDate"?',
      },
    ]);
  });

  it('rejects a misspelt structural key', () => {
    const text = hs('    crossRefs:\n', '    crossRef:\n');
    expect(check({ 'hubspot.yaml': text }).problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'crossRef:'),
        keyPath: 'entities.partners.crossRef',
        hint: 'did you mean "crossRefs"?',
      }),
    ]);
  });

  it('rejects an unknown option of a field source', () => {
    const text = sf(
      'domain: { path: Website, transform: domain }',
      'domain: { path: Website, transfrom: domain }',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.partners.fields.domain.transfrom',
        hint: 'did you mean "transform"?',
      }),
    ]);
  });
});

describe('wrong types and values', () => {
  it('reports a wrong type at the value', () => {
    // The deals entity's object (the write-back's recommendations name Opportunity too, further down).
    const text = sf('object: Opportunity\n    filter:', 'object: [Opportunity]\n    filter:');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, '[Opportunity]'),
        keyPath: 'entities.deals.object',
        message: 'expected text, got a list',
      }),
    ]);
  });

  it('suggests the closest filter operator and checks value shapes', () => {
    const text = sf(
      '{ field: IsPartner, op: eq, value: true }',
      '{ field: IsPartner, op: equals, value: true }',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({ keyPath: 'entities.partners.filter[0].op', hint: 'did you mean "eq"?' }),
    ]);
    const list = hs(
      '{ field: type, op: in, value: [PARTNER, RESELLER] }',
      '{ field: type, op: eq, value: [PARTNER, RESELLER] }',
    );
    expect(check({ 'hubspot.yaml': list }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.partners.filter[0].value',
        message: 'eq compares with one value, not a list',
        hint: 'use op: in',
      }),
    ]);
  });

  it('rejects a cast that disagrees with the model field', () => {
    const text = sf(
      'closeDate: { path: CloseDate, cast: date }',
      'closeDate: { path: CloseDate, cast: datetime }',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({ keyPath: 'entities.deals.fields.closeDate.cast', hint: 'use cast: date' }),
    ]);
  });

  it('suggests the right enum value for a misspelt value-map target', () => {
    const text = sf('Expert: expert }', 'Expert: expret }');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'expret'),
        keyPath: 'entities.certifications.fields.level.valueMap.Expert',
        hint: 'did you mean "expert"?',
      }),
    ]);
  });

  it('rejects a file that says it is the other CRM', () => {
    const text = sf('system: salesforce', 'system: hubspot');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        line: positionOf(text, 'system: hubspot').line,
        keyPath: 'system',
        message: expect.stringContaining('expected "salesforce"'),
      }),
    ]);
  });
});

describe('taxonomy references', () => {
  it('rejects an unknown sector key in a value map, with a did-you-mean', () => {
    const text = sf(
      'sector: { path: Industry__c, taxonomy: sectors }',
      'sector: { path: Industry__c, valueMap: { Hospitals: helthcare, Banks: financial_services } }',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      {
        file: SF,
        ...positionOf(text, 'helthcare'),
        keyPath: 'entities.certifications.fields.sector.valueMap.Hospitals',
        message: '"helthcare" is not a key of the taxonomy\'s sectors',
        hint: 'did you mean "healthcare"?',
      },
    ]);
  });

  it('rejects an unknown technology constant', () => {
    const text = hs(
      'technology: { path: technology, taxonomy: technologies }',
      'technology: { const: data_aj }',
    );
    expect(check({ 'hubspot.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.certifications.fields.technology.const',
        hint: 'did you mean "data_ai"?',
      }),
    ]);
  });

  it('rejects a taxonomy axis that does not fit the field', () => {
    const text = sf(
      'sector: { path: Account.Industry, taxonomy: sectors }',
      'sector: { path: Account.Industry, taxonomy: technologies }',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.sector.taxonomy',
        message: expect.stringContaining('taxonomy: sectors'),
      }),
    ]);
  });
});

describe('partner linkage', () => {
  it('rejects a deal mapping with no partner linkage, located at the deals entity', () => {
    const text = defaultText('salesforce.yaml').replace(
      /\n {4}partners:\n[\s\S]*?defaultRole: influenced[^\n]*\n/,
      '\n',
    );
    expect(text).not.toContain('PartnerAccountId');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'deals:'),
        keyPath: 'entities.deals.partners',
        message: expect.stringContaining('needs at least one partner linkage'),
      }),
    ]);
  });

  it('rejects an empty linkage list too', () => {
    const text = hs(
      '    partners:\n      - kind: association\n',
      '    partners: []\n    unused:\n      - kind: association\n',
    );
    const problems = check({ 'hubspot.yaml': text }).problems.map((p) => p.message);
    expect(problems).toContain(
      'a deal mapping needs at least one partner linkage, or no deal would have a partner',
    );
  });

  it('rejects a linkage kind the CRM does not have', () => {
    const text = hs('- kind: association', '- kind: junction');
    expect(check({ 'hubspot.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.partners[0].kind',
        message: expect.stringContaining('expected one of lookup, association'),
      }),
    ]);
  });

  it('rejects the same lookup twice', () => {
    const text = sf('path: Delivery_Partner__c, role: delivered', 'path: PartnerAccountId, role: delivered');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.partners[1]',
        message: expect.stringContaining('duplicate partner linkage'),
      }),
    ]);
  });

  it('rejects a role outside sourced / delivered / influenced', () => {
    const text = sf('"Broker": sourced', '"Broker": soured');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.partners[2].roles.Broker',
        hint: 'did you mean "sourced"?',
      }),
    ]);
  });
});

describe('CRM path limits', () => {
  it('accepts five levels of Salesforce parent relationship and rejects six', () => {
    const five = sf('path: Account.Industry,', 'path: Account.Parent.Parent.Parent.Parent.Industry,');
    expect(check({ 'salesforce.yaml': five }).problems).toEqual([]);
    const six = sf('path: Account.Industry,', 'path: Account.Parent.Parent.Parent.Parent.Parent.Industry,');
    expect(check({ 'salesforce.yaml': six }).problems).toEqual([
      expect.objectContaining({
        ...positionOf(six, 'Account.Parent'),
        keyPath: 'entities.deals.fields.sector.path',
        message: expect.stringContaining('6 relationships deep; SOQL allows at most 5'),
      }),
    ]);
  });

  it('rejects a Salesforce child subquery nested two levels', () => {
    const text = sf('collection: OpportunityLineItems   ', 'collection: OpportunityLineItems.Schedules');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.technologies.collection',
        message: expect.stringContaining('1 level of child relationship'),
      }),
    ]);
  });

  it('rejects a deep path in a Salesforce filter', () => {
    const text = sf(
      '{ field: Account.IsPartner,',
      '{ field: Account.Owner.Manager.Manager.Manager.Manager.IsActive,',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({ keyPath: 'entities.people.filter[0].field' }),
    ]);
  });

  it('rejects a dotted HubSpot path, pointing to one association hop', () => {
    const text = hs('name: { path: dealname }', 'name: { path: companies.name }');
    expect(check({ 'hubspot.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.name.path',
        hint: 'write collection: companies and path: name',
      }),
    ]);
  });

  it('rejects chained HubSpot associations and paths beyond the associated record', () => {
    const text = hs('        collection: line_items\n', '        collection: line_items.products\n');
    expect(check({ 'hubspot.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.technologies.collection',
        message: expect.stringContaining('1 association hop'),
      }),
    ]);
    const deep = hs('        path: product_family\n', '        path: product.family\n');
    expect(check({ 'hubspot.yaml': deep }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.technologies.path',
        message: expect.stringContaining('1 association hop'),
      }),
    ]);
  });

  it('rejects association labels in a Salesforce mapping', () => {
    const text = sf(
      '        path: Product2.Family',
      '        labels: [Primary]\n        path: Product2.Family',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.technologies.labels',
        message: expect.stringContaining('labels select association labels'),
      }),
    ]);
  });
});

describe('field completeness and duplicates', () => {
  it('requires the required model fields', () => {
    const text = sf('      isWon: { path: IsWon, cast: boolean }\n', '');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'fields:', 'object: Opportunity'),
        keyPath: 'entities.deals.fields',
        message: 'no mapping for required field isWon (the deal is won)',
      }),
    ]);
  });

  it('rejects a model field mapped twice', () => {
    const text = sf(
      '      stage: { path: StageName }\n',
      '      stage: { path: StageName }\n      stage: { path: Type }\n',
    );
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'stage: { path: Type }'),
        keyPath: 'entities.deals.fields.stage',
        message: 'invalid YAML: Map keys must be unique',
      }),
    ]);
  });

  it('rejects a field source with no origin or two origins', () => {
    const none = sf('stage: { path: StageName }', 'stage: { cast: string }');
    expect(check({ 'salesforce.yaml': none }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.stage',
        message: 'say where the value comes from: path, concat or const',
      }),
    ]);
    const two = sf('stage: { path: StageName }', 'stage: { path: StageName, const: Won }');
    expect(check({ 'salesforce.yaml': two }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'entities.deals.fields.stage.const',
        message: expect.stringContaining('use only one of'),
      }),
    ]);
  });
});

describe('write-back', () => {
  it('rejects a result written to a field type that cannot hold it', () => {
    const text = sf('      type: Number\n', '      type: Text\n');
    const messages = check({ 'salesforce.yaml': text }).problems.map((p) => `${p.keyPath}: ${p.message}`);
    expect(messages).toContain('writeback.fields[4].type: topScore cannot be written to a Text field');
  });

  it('checks Salesforce field sizes', () => {
    const text = sf('      length: 32768\n', '      length: 200000\n');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'writeback.fields[3].length',
        message: 'a LongTextArea needs a length from 256 to 131072',
      }),
    ]);
  });

  it('requires segment list views to filter on the segments multi-select picklist', () => {
    const text = sf('field: Atlas_Segments__c, namePrefix', 'field: Atlas_Primary_Segment__c, namePrefix');
    expect(check({ 'salesforce.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'writeback.lists[0].field',
        message: expect.stringContaining('MultiselectPicklist'),
      }),
    ]);
  });

  it('rejects two results written to the same property and invalid HubSpot field types', () => {
    const text = hs('property: atlas_needs,', 'property: atlas_segments,');
    expect(check({ 'hubspot.yaml': text }).problems).toEqual([
      expect.objectContaining({
        keyPath: 'writeback.fields[2].property',
        message: 'atlas_segments already receives fields[1]',
      }),
    ]);
    const fieldType = hs('type: number, fieldType: number', 'type: number, fieldType: text');
    expect(check({ 'hubspot.yaml': fieldType }).problems).toEqual([
      expect.objectContaining({ keyPath: 'writeback.fields[4].fieldType', hint: 'use number' }),
    ]);
  });

  it('rejects an unknown result value with a did-you-mean', () => {
    const text = hs('result: topScore', 'result: topscore');
    expect(check({ 'hubspot.yaml': text }).problems).toEqual([
      expect.objectContaining({ keyPath: 'writeback.fields[4].result', hint: 'did you mean "topScore"?' }),
    ]);
  });
});

describe('write-back levels', () => {
  it('reports a level the scoring ladder does not have, in per-cell records and in lists', () => {
    const text = edit(
      sf('levels: [Specialist, Proven, Emerging] }', 'levels: [Specialist, Provn] }'),
      'namePrefix: "Atlas: " }',
      'namePrefix: "Atlas: ", levels: [Specialst] }',
    );
    const { problems, mappings } = check({ 'salesforce.yaml': text });
    expect(mappings).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'Specialst'),
        message: 'level "Specialst" is not on the scoring ladder',
      }),
      expect.objectContaining({
        ...positionOf(text, 'Provn'),
        message: 'level "Provn" is not on the scoring ladder',
      }),
    ]);
  });
});

describe('every problem at once', () => {
  it('reports all problems of all files, each with file:line:column and key path', () => {
    const salesforce = edit(
      edit(
        edit(
          sf('closeDate: { path: CloseDate', 'closedate: { path: CloseDate'),
          'Expert: expert }',
          'Expert: expret }',
        ),
        'path: Account.Industry,',
        'path: A.B.C.D.E.F.Industry,',
      ),
      'object: Partner_Certification__c',
      'object: 12',
    );
    const hubspot = hs('result: topScore', 'result: topscore');
    const { problems, mappings, summary } = check({ 'salesforce.yaml': salesforce, 'hubspot.yaml': hubspot });
    expect(mappings).toBeNull();
    expect(problems).toHaveLength(5);
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set([SF, HS]));
    for (const p of problems) {
      expect(p.line).toBeGreaterThan(1);
      expect(p.column).toBeGreaterThan(0);
      expect(p.keyPath).not.toBe('');
      expect(formatMappingProblem(p)).toMatch(/^mappings\/(salesforce|hubspot)\.yaml:\d+:\d+ [\w.[\]"]+: .+/);
    }
    expect(summary.systems.map((s) => s.status)).toEqual(['invalid', 'invalid']);
  });
});
