import { describe, expect, it } from 'vitest';
import { defaultText } from '../../test/support/mapping-dir.js';
import { DealSchema } from '../model/index.js';
import { compileMapping } from './compile.js';
import { checkMappingSources } from './load.js';

/** Loads a HubSpot mapping written inline, against the default taxonomy. */
function hubspotMapping(yaml: string) {
  const { problems, mappings } = checkMappingSources({
    dir: 'inline',
    salesforce: { file: 'inline/salesforce.yaml', text: null },
    hubspot: { file: 'inline/hubspot.yaml', text: yaml },
    taxonomy: { file: 'inline/taxonomy.yaml', text: defaultText('taxonomy.yaml') },
    scoring: { file: 'inline/scoring.yaml', text: null },
  });
  expect(problems).toEqual([]);
  if (!mappings?.hubspot) throw new Error('no mapping');
  return compileMapping(mappings.hubspot, mappings.taxonomy);
}

const PARTNERS = `
  partners:
    object: companies
    fields:
      name: { path: name }
      lastModified: { path: hs_lastmodifieddate }
`;

describe('field sources and linkage options', () => {
  const compiled = hubspotMapping(`
system: hubspot
entities:${PARTNERS}
  deals:
    object: deals
    fields:
      name: { path: dealname, transform: uppercase }
      currency: { const: CHF }
      amount: { path: amount }
      stage: { path: dealstage, default: unknown }
      sector: { path: customer_sector, valueMap: { Hospitals: healthcare, Banks: financial_services, None: null } }
      technologies: { path: tech_tags, split: ";" }
      isWon: { path: won, valueMap: { Y: true, N: false } }
      isClosed: { const: true }
      satisfaction: { path: nps, rescale: { from: [-100, 100], to: [0, 1] } }
      lastModified: { path: hs_lastmodifieddate }
    partners:
      - { kind: lookup, path: partner_company_id, role: sourced }
      - kind: association
        object: companies
        labels: { Reseller: sourced }
        defaultRole: influenced
`);
  const deals = compiled.entity('deals')!;

  it('applies const, default, transform, inline value maps, split, implied casts and rescale', () => {
    const { record, issues } = deals.toModel({
      id: '77',
      values: {
        dealname: ' big deal ',
        amount: '1000',
        dealstage: '',
        customer_sector: 'hospitals',
        tech_tags: 'Security; data_ai ;;SECURITY',
        won: 'y',
        nps: '50',
        hs_lastmodifieddate: '2024-01-02T03:04:05Z',
        partner_company_id: '4242',
        companies: [
          { id: '1', labels: ['Reseller'] },
          { id: '2', labels: [] },
        ],
      },
    });
    expect(issues).toEqual([]);
    expect(record).toMatchObject({
      name: 'BIG DEAL',
      amount: { amount: 1000, currency: 'CHF' },
      stage: 'unknown',
      sector: 'healthcare',
      technologies: ['security', 'data_ai'],
      isWon: true,
      isClosed: true,
      signals: { renewal: null, expansion: null, satisfaction: 0.75 },
      lastModified: '2024-01-02T03:04:05.000Z',
      partners: [
        { partnerId: 'hubspot:companies:4242', role: 'sourced' },
        { partnerId: 'hubspot:companies:1', role: 'sourced' },
        { partnerId: 'hubspot:companies:2', role: 'influenced' },
      ],
    });
    expect(DealSchema.safeParse(record).success).toBe(true);
  });

  it('maps a value-map entry to null without an issue', () => {
    const { record, issues } = deals.toModel({
      id: '78',
      values: { customer_sector: 'None', won: 'N', hs_lastmodifieddate: '1700000000000' },
    });
    expect(issues).toEqual([]);
    expect(record?.sector).toBeNull();
    expect(record?.isWon).toBe(false);
  });

  it('reads the read plan of property lookups and associations', () => {
    expect(deals.readPlan.fields).toContain('partner_company_id');
    expect(deals.readPlan.associations).toEqual([
      { object: 'companies', properties: [], labels: ['Reseller'] },
    ]);
  });
});

describe('partner cross references', () => {
  it('ignores a malformed Salesforce id with a warning', () => {
    const compiled = hubspotMapping(`
system: hubspot
entities:${PARTNERS}    crossRefs:
      - { path: salesforceaccountid, system: salesforce, object: Account }
`);
    const { record, issues } = compiled.entity('partners')!.toModel({
      id: '5',
      values: { name: 'Acme', hs_lastmodifieddate: '2024-01-01', salesforceaccountid: 'n/a' },
    });
    expect(record?.crossRefs).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ field: 'partners.crossRefs[0]', value: 'n/a', severity: 'warning' }),
    ]);
  });
});
