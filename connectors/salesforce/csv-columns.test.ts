import { describe, expect, it } from 'vitest';
import { csvColumnDecoders, typeOfJsonValue } from './csv-columns.js';
import type { DescribeSession } from './describe.js';

describe('typeOfJsonValue', () => {
  it('reads the type REST JSON proves, and none from null', () => {
    expect(typeOfJsonValue(12.5)).toBe('double');
    expect(typeOfJsonValue(false)).toBe('boolean');
    expect(typeOfJsonValue('2025-06-30T10:00:00.000+0000')).toBe('datetime');
    expect(typeOfJsonValue('2025-06-30')).toBe('string');
    expect(typeOfJsonValue(null)).toBeNull();
    expect(typeOfJsonValue({ city: 'Paris' })).toBeNull();
  });
});

describe('csvColumnDecoders', () => {
  it('types columns from the sample and describes only the columns the sample leaves null', async () => {
    const resolved: string[] = [];
    const describes: Pick<DescribeSession, 'resolve'> = {
      resolve: async (_object, path) => {
        resolved.push(path);
        return { ok: true, object: 'Account', field: { name: path, type: 'currency', updateable: true } };
      },
    };
    const sample = [
      {
        Id: '001A',
        Score__c: null,
        Account: { IsPartner: true },
        SystemModstamp: '2025-06-30T10:00:00.000+0000',
      },
      { Id: '001B', Score__c: null, Account: null, SystemModstamp: '2025-06-30T10:00:00.000+0000' },
    ];
    const header = ['Id', 'Score__c', 'Account.IsPartner', 'SystemModstamp'];
    const decoders = await csvColumnDecoders('Account', header, sample, describes);
    const row = ['001C', '42.5', 'true', '2025-06-30T10:00:00.000Z'];
    expect(decoders.map((d, i) => d(row[i] ?? ''))).toEqual(['001C', 42.5, true, '2025-06-30T10:00:00.000Z']);
    expect(resolved).toEqual(['Score__c']);
  });
});
