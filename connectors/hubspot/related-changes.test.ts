// Unit: which associations of a read plan an incremental read watches for related changes.
import { describe, expect, it } from 'vitest';
import type { ReadPlan } from '../types.js';
import { relatedAssociations } from './related-changes.js';

const plan = (associations: ReadPlan['associations']): ReadPlan => ({
  system: 'hubspot',
  entity: 'deals',
  object: 'deals',
  fields: ['dealname', 'hs_lastmodifieddate'],
  children: [],
  associations,
  filter: [],
  modifiedField: 'hs_lastmodifieddate',
});

describe('relatedAssociations', () => {
  it('watches the associations whose properties the mapping reads, not those read for ids and labels', () => {
    const companies = { object: 'companies', properties: ['industry'], labels: ['Primary'] };
    const items = { object: 'line_items', properties: ['product_family'], labels: [] };
    const contacts = { object: 'contacts', properties: [], labels: [] };
    expect(relatedAssociations(plan([companies, contacts, items]))).toEqual([companies, items]);
    expect(relatedAssociations(plan([contacts]))).toEqual([]);
  });
});
