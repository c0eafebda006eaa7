// The HubSpot starter mapping's detection rules on small portals: deal → company labels, certification objects.
// Every starter must also pass the checks `atlas mappings check` runs, against the shipped taxonomy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkStarter } from '../../src/mapping/index.js';
import type { CrmSurvey, SurveyField, SurveyObject } from '../types.js';
import { hubspotPlugin } from './plugin.js';

const TAXONOMY = readFileSync(join(import.meta.dirname, '../../mappings/taxonomy.yaml'), 'utf8');

/** A HubSpot property: its label is its name in words; enumerations list `[value, label]` options. */
function field(name: string, type = 'string', options: [string, string][] = []): SurveyField {
  const values = options.map(([value, label]) => ({ value, label }));
  return { name, label: name.replace(/_/g, ' '), type, values, referenceTo: [], custom: false };
}

const object = (name: string, fields: SurveyField[]): SurveyObject => ({
  name,
  label: name,
  custom: false,
  fields,
  related: [],
});

/** A small portal: deal → company labels, and a certifications object unless told otherwise. */
function hubspotSurvey(options: { certifications?: boolean; labels?: string[] } = {}): CrmSurvey {
  const { certifications = true, labels = ['Reseller', 'Implementation partner', 'Influencer'] } = options;
  const enumeration = (name: string, values: [string, string][]) => field(name, 'enumeration', values);
  const objects: SurveyObject[] = [
    object('companies', [
      field('name'),
      field('domain'),
      enumeration('type', [
        ['PROSPECT', 'Prospect'],
        ['RESELLER', 'Reseller'],
      ]),
      enumeration('partner_region', [['emea', 'EMEA']]),
    ]),
    object('deals', [field('dealname'), field('deal_currency_code'), field('csat_score', 'number')]),
    object('line_items', [enumeration('product_family', [['data_ai', 'Data & AI']])]),
    object('contacts', [field('firstname'), field('lastmodifieddate', 'datetime')]),
    ...(certifications
      ? [
          {
            ...object('p123_certifications', [
              field('certification_name'),
              enumeration('level', [['associate', 'Associate']]),
              field('earned_date', 'date'),
            ]),
            custom: true,
            related: [{ name: 'companies', object: 'companies' }],
          },
        ]
      : []),
  ];
  return {
    system: 'hubspot',
    objects,
    customObjects: [],
    associationLabels: [
      { from: 'deals', to: 'companies', label: 'Deal with Primary Company', userDefined: false },
      ...labels.map((label) => ({ from: 'deals', to: 'companies', label, userDefined: true })),
    ],
  };
}

/** Generates, checks like `atlas mappings check`, and parses the starter. */
function generate(survey: CrmSurvey) {
  const starter = hubspotPlugin.starterMapping(survey, null);
  const files = { dir: '/tmp/starter', system: survey.system, mapping: starter.text, taxonomy: TAXONOMY };
  expect(checkStarter({ ...files, scoring: null })).toEqual([]);
  return { ...starter, yaml: parse(starter.text) };
}

describe('the HubSpot starter', () => {
  it('turns user-defined deal → company labels into roles and keeps the primary label for the customer', () => {
    const { yaml, review } = generate(hubspotSurvey());
    expect(yaml.entities.deals.partners).toEqual([
      {
        kind: 'association',
        object: 'companies',
        labels: { Reseller: 'sourced', 'Implementation partner': 'delivered', Influencer: 'influenced' },
      },
    ]);
    expect(yaml.entities.deals.fields.customerId).toEqual({
      collection: 'companies',
      labels: ['Deal with Primary Company'],
      path: 'id',
    });
    expect(yaml.entities.partners.filter).toEqual([{ field: 'type', op: 'in', value: ['RESELLER'] }]);
    expect(yaml.entities.partners.fields.region).toEqual({
      path: 'partner_region',
      optional: true,
      valueMap: { emea: 'EMEA' },
    });
    expect(review.join('\n')).toContain('"Reseller", "Implementation partner" and "Influencer"');
  });

  it('with no label yet, names a "Partner" label to create', () => {
    const { yaml, review } = generate(hubspotSurvey({ labels: [] }));
    expect(yaml.entities.deals.partners[0].labels).toEqual({ Partner: 'sourced' });
    expect(review.join('\n')).toContain('create one named "Partner"');
  });

  it('maps a certifications custom object associated with companies, or leaves it out with a reason', () => {
    const { yaml } = generate(hubspotSurvey());
    expect(yaml.entities.certifications).toMatchObject({
      object: 'p123_certifications',
      fields: {
        partnerId: { collection: 'companies', path: 'id' },
        level: { path: 'level' },
        earnedDate: { path: 'earned_date', cast: 'date' },
      },
    });
    const without = generate(hubspotSurvey({ certifications: false }));
    expect(without.yaml.entities.certifications).toBeUndefined();
    expect(without.text).toContain(
      '# Certifications left out: no custom object has "certif" in its name or label.',
    );
  });
});
