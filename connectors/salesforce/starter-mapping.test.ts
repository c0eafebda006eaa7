// The Salesforce starter mapping's detection rules on small orgs: PRM or not, currency, certification objects.
// Every starter must also pass the checks `atlas mappings check` runs, against the shipped taxonomy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkStarter } from '../../src/mapping/index.js';
import type { CrmSurvey, SurveyField, SurveyObject } from '../types.js';
import { salesforcePlugin } from './plugin.js';

const TAXONOMY = readFileSync(join(import.meta.dirname, '../../mappings/taxonomy.yaml'), 'utf8');

function field(name: string, type = 'string', extra: Partial<SurveyField> = {}): SurveyField {
  return {
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    type,
    values: [],
    referenceTo: [],
    custom: name.endsWith('__c'),
    ...extra,
  };
}
const picklist = (name: string, values: string[]) =>
  field(name, 'picklist', { values: values.map((value) => ({ value, label: value })) });
const lookup = (name: string, to: string) => field(name, 'reference', { referenceTo: [to] });

function object(name: string, fields: SurveyField[], related: SurveyObject['related'] = []): SurveyObject {
  return { name, label: name, custom: name.endsWith('__c'), fields, related };
}

/** A small org: PRM, multi-currency and a certification object unless told otherwise. */
function salesforceSurvey(
  options: { prm?: boolean; currency?: boolean; certifications?: boolean } = {},
): CrmSurvey {
  const { prm = true, currency = true, certifications = true } = options;
  const objects = [
    object('Account', [
      field('Name'),
      field('SystemModstamp', 'datetime'),
      picklist('Type', [
        'Customer - Direct',
        'Customer - Channel',
        'Channel Partner / Reseller',
        'Technology Partner',
        'Other',
      ]),
      picklist('Industry', ['Banking']),
      ...(prm ? [field('IsPartner', 'boolean')] : []),
      picklist('Partner_Region__c', ['EMEA']),
    ]),
    object(
      'Opportunity',
      [
        field('Name'),
        lookup('AccountId', 'Account'),
        ...(prm ? [lookup('PartnerAccountId', 'Account')] : []),
        ...(currency ? [picklist('CurrencyIsoCode', ['USD', 'EUR'])] : []),
        field('CSAT__c', 'double'),
      ],
      [
        { name: 'OpportunityPartnersFrom', object: 'OpportunityPartner' },
        { name: 'OpportunityLineItems', object: 'OpportunityLineItem' },
      ],
    ),
    object('OpportunityPartner', [
      lookup('AccountToId', 'Account'),
      picklist('Role', ['System Integrator', 'VAR/Reseller', 'Agency']),
    ]),
    object('Product2', [picklist('Family', ['Data & AI', 'Security'])]),
    object('Contact', [field('Name'), field('Email'), lookup('AccountId', 'Account')]),
    ...(certifications
      ? [
          object('Partner_Certification__c', [
            field('Name'),
            lookup('Partner_Account__c', 'Account'),
            lookup('Contact__c', 'Contact'),
            picklist('Level__c', ['Associate', 'Expert', 'Master']),
            picklist('Technology__c', ['Data & AI']),
            field('Expiry_Date__c', 'date'),
          ]),
        ]
      : []),
  ];
  return { system: 'salesforce', objects, customObjects: [], associationLabels: [] };
}

/** Generates, checks like `atlas mappings check`, and parses the starter. */
function generate(survey: CrmSurvey) {
  const starter = salesforcePlugin.starterMapping(survey, null);
  const files = { dir: '/tmp/starter', system: survey.system, mapping: starter.text, taxonomy: TAXONOMY };
  expect(checkStarter({ ...files, scoring: null })).toEqual([]);
  return { ...starter, yaml: parse(starter.text) };
}

describe('the Salesforce starter', () => {
  it('with PRM: partners are IsPartner accounts, deals name them through PartnerAccountId and the role list', () => {
    const { yaml, review } = generate(salesforceSurvey());
    expect(yaml.entities.partners.filter).toEqual([{ field: 'IsPartner', op: 'eq', value: true }]);
    expect(yaml.entities.partners.fields.region).toEqual({ path: 'Partner_Region__c', optional: true });
    const [prmLookup, junction] = yaml.entities.deals.partners;
    expect(prmLookup).toEqual({ kind: 'lookup', path: 'PartnerAccountId', role: 'sourced' });
    expect(junction.roles).toEqual({
      'System Integrator': 'delivered',
      'VAR/Reseller': 'sourced',
      Agency: 'influenced',
    });
    expect(yaml.entities.deals.fields.satisfaction).toMatchObject({ path: 'CSAT__c', optional: true });
    expect(yaml.entities.people.filter).toEqual([{ field: 'Account.IsPartner', op: 'eq', value: true }]);
    expect(review.join('\n')).toContain('Data & AI and Security');
  });

  it('without PRM: partners are accounts whose type names a partner, with a note to review', () => {
    const { yaml, review, text } = generate(salesforceSurvey({ prm: false }));
    const types = ['Channel Partner / Reseller', 'Technology Partner'];
    expect(yaml.entities.partners.filter).toEqual([{ field: 'Type', op: 'in', value: types }]);
    expect(yaml.entities.deals.partners.map((l: { kind: string }) => l.kind)).toEqual(['junction']);
    expect(yaml.entities.people.filter).toEqual([{ field: 'Account.Type', op: 'in', value: types }]);
    expect(text).toContain('# REVIEW: No partner relationship management');
    expect(review).toContainEqual(
      expect.stringMatching(/^No partner relationship management .* Check the list\.$/),
    );
  });

  it('reads the currency of multi-currency orgs, and a constant otherwise', () => {
    expect(generate(salesforceSurvey()).yaml.entities.deals.fields.currency).toEqual({
      path: 'CurrencyIsoCode',
      default: 'USD',
    });
    const single = generate(salesforceSurvey({ currency: false }));
    expect(single.yaml.entities.deals.fields.currency).toEqual({ const: 'USD' });
    expect(single.text).toContain('REVIEW: a single-currency org');
  });

  it('maps a certification object it finds, and leaves certifications out with a reason when there is none', () => {
    const { yaml, review } = generate(salesforceSurvey());
    expect(yaml.entities.certifications).toMatchObject({
      object: 'Partner_Certification__c',
      fields: {
        partnerId: { path: 'Partner_Account__c' },
        personId: { path: 'Contact__c' },
        level: { path: 'Level__c', valueMap: { Associate: 'associate', Expert: 'expert' } },
        expiryDate: { path: 'Expiry_Date__c', cast: 'date' },
      },
    });
    expect(review.join('\n')).toContain('Map the certification levels Master');
    const without = generate(salesforceSurvey({ certifications: false }));
    expect(without.yaml.entities.certifications).toBeUndefined();
    expect(without.text).toContain(
      '# Certifications left out: no custom object has "Certif" in its name or label.',
    );
  });
});
