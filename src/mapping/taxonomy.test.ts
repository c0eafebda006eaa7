import { describe, expect, it } from 'vitest';
import { HUBSPOT_INDUSTRY_OPTIONS } from '../../devkit/emulators/hubspot/index.js';
import { ACCOUNT_INDUSTRIES as SALESFORCE_ACCOUNT_INDUSTRIES } from '../../devkit/emulators/salesforce/index.js';
import { defaultText, edit, positionOf } from '../../test/support/mapping-dir.js';
import { TaxonomySchema } from '../model/index.js';

/** The CRMs' own value lists, as their emulators describe them. */
const HUBSPOT_COMPANY_INDUSTRIES = HUBSPOT_INDUSTRY_OPTIONS.map(([value]) => value);

import { checkMappingSources } from './load.js';
import { parseYamlFile } from './parse-yaml-file.js';
import { TaxonomyFileSchema } from './taxonomy-schema.js';

const FILE = 'mappings/taxonomy.yaml';

function checkTaxonomy(text: string) {
  return checkMappingSources({
    dir: 'mappings',
    salesforce: { file: 'mappings/salesforce.yaml', text: null },
    hubspot: { file: 'mappings/hubspot.yaml', text: null },
    taxonomy: { file: FILE, text },
    scoring: { file: 'inline/scoring.yaml', text: null },
  });
}

function defaultTaxonomy() {
  const parsed = parseYamlFile(FILE, defaultText('taxonomy.yaml'), TaxonomyFileSchema);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.value;
}

/** Where each raw value (normalised) lands: sector keys and/or 'unmapped'. */
function placements(): Map<string, string[]> {
  const taxonomy = defaultTaxonomy();
  const where = new Map<string, string[]>();
  const put = (value: string, place: string) => {
    const key = value.trim().toLowerCase();
    where.set(key, [...(where.get(key) ?? []), place]);
  };
  for (const sector of taxonomy.sectors) for (const value of sector.values) put(value, sector.key);
  for (const value of taxonomy.unmapped) put(value, 'unmapped');
  return where;
}

describe('default taxonomy', () => {
  it('is a valid model Taxonomy with about a dozen sectors and the example technologies', () => {
    const taxonomy = defaultTaxonomy();
    expect(TaxonomySchema.parse(taxonomy)).toEqual(taxonomy);
    expect(taxonomy.sectors.length).toBeGreaterThanOrEqual(10);
    expect(taxonomy.sectors.length).toBeLessThanOrEqual(16);
    expect(taxonomy.technologies.map((t) => t.key)).toEqual([
      'data_ai',
      'cloud_infrastructure',
      'security',
      'modern_work',
      'business_applications',
      'networking',
      'devops',
    ]);
    expect(taxonomy.technologies.find((t) => t.key === 'data_ai')?.label).toBe('Data & AI');
    expect(checkTaxonomy(defaultText('taxonomy.yaml')).problems).toEqual([]);
  });

  it('places each of the 32 Salesforce Account.Industry values in exactly one sector or unmapped', () => {
    expect(SALESFORCE_ACCOUNT_INDUSTRIES).toHaveLength(32);
    const where = placements();
    for (const value of SALESFORCE_ACCOUNT_INDUSTRIES) {
      expect(where.get(value.toLowerCase()), value).toHaveLength(1);
    }
    expect(where.get('other')).toEqual(['unmapped']);
  });

  it('places each of the 148 HubSpot company industry values in exactly one sector or unmapped', () => {
    expect(HUBSPOT_COMPANY_INDUSTRIES).toHaveLength(148);
    expect(new Set(HUBSPOT_COMPANY_INDUSTRIES).size).toBe(148);
    const where = placements();
    for (const value of HUBSPOT_COMPANY_INDUSTRIES) {
      expect(where.get(value.toLowerCase()), value).toHaveLength(1);
    }
    expect(where.get('hospital_health_care')).toEqual(['healthcare']);
  });

  it('lets every technology match its own key and label', () => {
    for (const tech of defaultTaxonomy().technologies) {
      const values = tech.values.map((v) => v.toLowerCase());
      expect(values, tech.key).toContain(tech.label.toLowerCase());
      expect(values.includes(tech.key) || tech.key === tech.label.toLowerCase(), tech.key).toBe(true);
    }
  });
});

describe('taxonomy duplicates', () => {
  it('reports a value mapped to two sectors at its second occurrence', () => {
    const text = edit(defaultText('taxonomy.yaml'), 'LAW_PRACTICE,', 'LAW_PRACTICE, CAPITAL_MARKETS,');
    const { problems } = checkTaxonomy(text);
    expect(problems).toEqual([
      {
        file: FILE,
        ...positionOf(text, 'CAPITAL_MARKETS', 'key: professional_services'),
        keyPath: expect.stringMatching(/^sectors\[\d+\]\.values\[\d+\]$/),
        message: expect.stringMatching(
          /^"CAPITAL_MARKETS" is mapped twice: already in sectors "financial_services" \(line \d+\)$/,
        ),
        hint: expect.any(String),
      },
    ]);
  });

  it('reports a value in a sector and in unmapped at the later one, case-insensitively', () => {
    const text = edit(defaultText('taxonomy.yaml'), 'unmapped: [Other]', 'unmapped: [Other, banking]');
    const { problems } = checkTaxonomy(text);
    expect(problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'banking]'),
        keyPath: 'unmapped[1]',
        message: expect.stringContaining(
          '"banking" is mapped twice: already in sectors "financial_services"',
        ),
      }),
    ]);
  });

  it('reports at the sector value when unmapped comes first in the file', () => {
    const base = defaultText('taxonomy.yaml').replace('unmapped: [Other]', '');
    const text = `unmapped: [Other, Retail]\n${base}`;
    const { problems } = checkTaxonomy(text);
    expect(problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'Retail,', 'key: retail_consumer'),
        message: expect.stringContaining('already in unmapped'),
      }),
    ]);
  });

  it('reports a sector key defined twice', () => {
    const text = edit(defaultText('taxonomy.yaml'), 'key: nonprofit', 'key: education');
    const { problems } = checkTaxonomy(text);
    expect(problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'education', 'Education & Research]'),
        message: expect.stringContaining('duplicate sectors key "education"'),
      }),
    ]);
  });

  it('reports schema problems and duplicates together', () => {
    const text = edit(
      edit(defaultText('taxonomy.yaml'), 'label: DevOps', 'lable: DevOps'),
      'LAW_PRACTICE,',
      'LAW_PRACTICE, CAPITAL_MARKETS,',
    );
    const messages = checkTaxonomy(text).problems.map((p) => p.message);
    expect(messages).toContain('unknown key "lable"');
    expect(messages.some((m) => m.includes('"CAPITAL_MARKETS" is mapped twice'))).toBe(true);
  });
});

describe('taxonomy regions', () => {
  it('places every country in at most one region, with the partner regions as labels', () => {
    const { regions } = defaultTaxonomy();
    expect(regions.map((r) => r.label)).toEqual(['EMEA', 'North America', 'APAC', 'LATAM']);
    const countries = regions.flatMap((r) => r.countries);
    expect(new Set(countries).size).toBe(countries.length);
    expect(countries).toEqual(expect.arrayContaining(['DE', 'US', 'JP', 'BR']));
  });

  it('reports a country listed in two regions at its second occurrence', () => {
    const text = edit(defaultText('taxonomy.yaml'), 'countries: [US, CA,', 'countries: [US, DE, CA,');
    const { problems } = checkTaxonomy(text);
    expect(problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'DE,', 'key: north_america'),
        keyPath: expect.stringMatching(/^regions\[1\]\.countries\[1\]$/),
        message: expect.stringMatching(
          /^country "DE" is listed twice: already in regions "emea" \(line \d+\)$/,
        ),
      }),
    ]);
  });

  it('reports a region key defined twice', () => {
    const text = edit(defaultText('taxonomy.yaml'), 'key: latam', 'key: apac');
    expect(checkTaxonomy(text).problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('duplicate regions key "apac"') }),
    ]);
  });

  it('reports a country that is not an ISO code where it is, with how to write one', () => {
    const text = edit(defaultText('taxonomy.yaml'), 'countries: [US, CA,', 'countries: [USA, CA,');
    expect(checkTaxonomy(text).problems).toEqual([
      expect.objectContaining({
        ...positionOf(text, 'USA'),
        keyPath: 'regions[1].countries[0]',
        message: expect.stringContaining('not an ISO 3166-1 alpha-2 country code'),
      }),
    ]);
  });

  it('accepts a taxonomy without regions', () => {
    const base = defaultText('taxonomy.yaml');
    const text = base.slice(0, base.indexOf('regions:'));
    expect(checkTaxonomy(text).problems).toEqual([]);
  });
});
