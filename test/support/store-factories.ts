/** Model records for the store suite, with seeded ids and schema-parsed (so branded) values. */
import {
  type Certification,
  CertificationSchema,
  type Deal,
  DealSchema,
  type Partner,
  PartnerIdSchema,
  PartnerSchema,
  type Person,
  PersonSchema,
  type RecordIssue,
  RecordIssueSchema,
  refKey,
  type SourceRef,
} from '../../src/model/index.js';

const sfId = (prefix: string, n: number) => `${prefix}${String(n).padStart(15, '0')}`;

export function accountRef(n: number): SourceRef {
  return { system: 'salesforce', object: 'Account', id: sfId('001', n) };
}

export function companyRef(n: number): SourceRef {
  return { system: 'hubspot', object: 'companies', id: String(9000 + n) };
}

export function partnerId(ref: SourceRef) {
  return PartnerIdSchema.parse(refKey(ref));
}

export function makePartner(n: number, overrides: Partial<Partner> = {}): Partner {
  const ref = accountRef(n);
  return PartnerSchema.parse({
    id: refKey(ref),
    name: `Partner ${n}`,
    domain: `partner${n}.example`,
    country: 'DE',
    region: 'EMEA',
    partnerType: 'Installation Partner',
    legacyTier: 'Gold',
    sourceRefs: [ref],
    crossRefs: [],
    lastModified: '2025-01-02T03:04:05.000Z',
    ...overrides,
  });
}

export function makeDeal(n: number, overrides: Partial<Deal> = {}): Deal {
  const ref: SourceRef = { system: 'salesforce', object: 'Opportunity', id: sfId('006', n) };
  return DealSchema.parse({
    id: refKey(ref),
    source: ref,
    name: `Deal ${n}`,
    partners: [{ partnerId: partnerId(accountRef(1)), role: 'sourced' }],
    customerId: `001C${n}`,
    sector: 'healthcare',
    technologies: ['data_ai', 'cloud'],
    amount: { amount: 1000 + n, currency: 'EUR' },
    stage: 'Closed Won',
    isWon: true,
    isClosed: true,
    closeDate: '2024-06-30',
    signals: { renewal: true, expansion: null, satisfaction: 0.8 },
    lastModified: '2025-01-02T03:04:05.000Z',
    ...overrides,
  });
}

/** Deal `n` with every nullable field null, no partners or technologies, and not closed: a sparse CRM row. */
export function makeBareDeal(n: number, overrides: Partial<Deal> = {}): Deal {
  const nulls = { name: null, customerId: null, sector: null, amount: null, stage: null, closeDate: null };
  const signals = { renewal: null, expansion: null, satisfaction: null };
  return makeDeal(n, {
    ...nulls,
    partners: [],
    technologies: [],
    isWon: false,
    isClosed: false,
    signals,
    ...overrides,
  });
}

export function makeCertification(n: number, overrides: Partial<Certification> = {}): Certification {
  const ref: SourceRef = { system: 'salesforce', object: 'Partner_Certification__c', id: sfId('a01', n) };
  return CertificationSchema.parse({
    id: refKey(ref),
    source: ref,
    name: `Cert ${n}`,
    partnerId: partnerId(accountRef(1)),
    personId: `salesforce:Contact:${sfId('003', n)}`,
    technology: 'data_ai',
    sector: null,
    level: 'professional',
    earnedDate: '2024-01-15',
    expiryDate: '2026-01-15',
    lastModified: '2025-01-02T03:04:05.000Z',
    ...overrides,
  });
}

export function makePerson(n: number, overrides: Partial<Person> = {}): Person {
  const ref: SourceRef = { system: 'salesforce', object: 'Contact', id: sfId('003', n) };
  return PersonSchema.parse({
    id: refKey(ref),
    source: ref,
    name: `Person ${n}`,
    email: `person${n}@partner.example`,
    partnerId: partnerId(accountRef(1)),
    lastModified: '2025-01-02T03:04:05.000Z',
    ...overrides,
  });
}

export function makeIssue(n: number, overrides: Partial<RecordIssue> = {}): RecordIssue {
  return RecordIssueSchema.parse({
    system: 'salesforce',
    object: 'Opportunity',
    recordId: sfId('006', n),
    field: 'deals.closeDate',
    value: 'not-a-date',
    reason: 'CloseDate is not a date',
    severity: 'warning',
    ...overrides,
  });
}
