import { describe, expect, it } from 'vitest';
import type { ReadPlan } from '../types.js';
import { buildSoql, soqlCondition, soqlLiteral, soqlPath, soqlString } from './soql.js';

const plan: ReadPlan = {
  system: 'salesforce',
  entity: 'deals',
  object: 'Opportunity',
  fields: ['Id', 'Name', 'Account.Industry'],
  children: [{ relationship: 'OpportunityLineItems', fields: ['Product2.Family'] }],
  associations: [],
  filter: [{ field: 'Account.IsPartner', op: 'eq', value: true }],
  modifiedField: 'SystemModstamp',
};

describe('SOQL builder', () => {
  it('escapes quotes, backslashes and control characters so a value cannot close its literal', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString('a\\b')).toBe("'a\\\\b'");
    expect(soqlString("x\\' OR Name != \\'")).toBe("'x\\\\\\' OR Name != \\\\\\''");
    expect(soqlString('line\nbreak\t"q"')).toBe('\'line\\nbreak\\t\\"q\\"\'');
  });

  it('writes booleans, numbers, null and strict ISO dates bare, every other string quoted', () => {
    expect(soqlLiteral(true)).toBe('true');
    expect(soqlLiteral(12.5)).toBe('12.5');
    expect(soqlLiteral(null)).toBe('null');
    expect(soqlLiteral('2024-06-01')).toBe('2024-06-01');
    expect(soqlLiteral('2024-06-01T00:00:00Z')).toBe('2024-06-01T00:00:00Z');
    expect(soqlLiteral("2024-06-01' OR ''='")).toBe("'2024-06-01\\' OR \\'\\'=\\''");
    expect(() => soqlLiteral(Number.NaN)).toThrow(/not a number/);
  });

  it('refuses field paths that are not API names', () => {
    expect(soqlPath('Account.Industry')).toBe('Account.Industry');
    for (const bad of ['Name)', 'Name, Id', 'a..b', '', '1Field', "Name' --"]) {
      expect(() => soqlPath(bad)).toThrow(/not a Salesforce field path/);
    }
  });

  it('builds filter conditions per operator', () => {
    expect(soqlCondition({ field: 'Type', op: 'in', value: ['A', "B'"] })).toBe("Type IN ('A', 'B\\'')");
    expect(soqlCondition({ field: 'Type', op: 'not_in', value: ['A'] })).toBe("Type NOT IN ('A')");
    expect(soqlCondition({ field: 'Amount', op: 'gte', value: 10 })).toBe('Amount >= 10');
    expect(soqlCondition({ field: 'CloseDate', op: 'is_null' })).toBe('CloseDate = null');
    expect(soqlCondition({ field: 'CloseDate', op: 'not_null' })).toBe('CloseDate != null');
  });

  it('orders by (modified, Id) and resumes with a keyset condition', () => {
    expect(buildSoql(plan)).toBe(
      'SELECT Id, Name, Account.Industry, SystemModstamp, (SELECT Product2.Family FROM OpportunityLineItems) FROM Opportunity WHERE Account.IsPartner = true ORDER BY SystemModstamp, Id',
    );
    expect(
      buildSoql(plan, {
        window: { modifiedField: 'SystemModstamp', since: '2024-06-01T00:00:00.000Z', afterId: "006'x" },
        withoutChildren: true,
      }),
    ).toBe(
      "SELECT Id, Name, Account.Industry, SystemModstamp FROM Opportunity WHERE Account.IsPartner = true AND (SystemModstamp > 2024-06-01T00:00:00.000Z OR (SystemModstamp = 2024-06-01T00:00:00.000Z AND Id > '006\\'x')) ORDER BY SystemModstamp, Id",
    );
    expect(buildSoql(plan, { shape: 'count' })).toBe(
      'SELECT COUNT() FROM Opportunity WHERE Account.IsPartner = true',
    );
  });
});
