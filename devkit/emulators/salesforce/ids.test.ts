// Tests Salesforce id handling against ids printed in Salesforce's documentation.
import { describe, expect, it } from 'vitest';
import { IdFactory, idSuffix, isSalesforceId, to18 } from './ids.js';

describe('Salesforce ids', () => {
  it('computes the case-insensitive suffix of documented ids', () => {
    // REST API guide, "Execute a SOQL Query": /sobjects/Account/001D000000IRFmaIAH and 001D000000IomazIAB.
    expect(idSuffix('001D000000IRFma')).toBe('IAH');
    expect(to18('001D000000Iomaz')).toBe('001D000000IomazIAB');
    expect(isSalesforceId('001D000000IRFmaIAH')).toBe(true);
    expect(isSalesforceId('001D000000IRFmaIAX')).toBe(false);
    expect(isSalesforceId('not-an-id')).toBe(false);
  });

  it('issues sequential ids per prefix', () => {
    const ids = new IdFactory('x7');
    expect(ids.next('001')).toBe(to18('001x70000000001'));
    expect(ids.next('001')).toBe(to18('001x70000000002'));
    expect(ids.next('003')).toBe(to18('003x70000000001'));
  });
});
