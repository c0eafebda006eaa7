import { describe, expect, it } from 'vitest';
import { listViewDeveloperName, listViewLabel } from './list-views.js';

describe('list view names', () => {
  it('makes developer names of letters, digits and single underscores within 40 characters, unique per key', () => {
    expect(listViewDeveloperName('Atlas_', 'healthcare|data_ai|specialist')).toBe(
      'Atlas_healthcare_data_ai_specialist',
    );
    const a = listViewDeveloperName(
      'Atlas_',
      'financial_services_and_insurance|cloud_infrastructure|specialist',
    );
    const b = listViewDeveloperName('Atlas_', 'financial_services_and_insurance|cloud_infrastructure|proven');
    for (const name of [a, b]) {
      expect(name.length).toBeLessThanOrEqual(40);
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/);
    }
    expect(a).not.toBe(b);
  });

  it('cuts labels to 40 characters', () => {
    expect(listViewLabel('Atlas: Healthcare × Data & AI — Specialist')).toHaveLength(40);
    expect(listViewLabel('Atlas: Banking')).toBe('Atlas: Banking');
  });
});
