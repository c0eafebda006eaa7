/** Model records ↔ table rows: the one place that knows how a Partner, Deal, Certification or Person is laid out. */
import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import type {
  Certification,
  Deal,
  DealPartner,
  DealRole,
  Partner,
  PartnerId,
  Person,
  SourceRef,
} from '../model/index.js';
import { decodeBool, decodeNullableBool, encodeBool, encodeNullableBool } from './column-values.js';
import { parseRow, type RowRef, readJson } from './row-validation.js';
import type {
  CertificationsTable,
  DealPartnersTable,
  DealsTable,
  PartnerCrossRefsTable,
  PartnerSourceRefsTable,
  PartnersTable,
  PeopleTable,
} from './schema.js';

const StringListSchema = z.array(z.string());

export type PartnerRow = Insertable<PartnersTable>;
export type SourceRefRow = Insertable<PartnerSourceRefsTable>;
export type CrossRefRow = Insertable<PartnerCrossRefsTable>;
export type DealRow = Insertable<DealsTable>;
export type DealPartnerRow = Insertable<DealPartnersTable>;
export type CertificationRow = Insertable<CertificationsTable>;
export type PersonRow = Insertable<PeopleTable>;

/** Pushes a row's values in key order: the order Kysely compiles `values(rows)` in (see bulk-write.ts). */
export function pushValues(row: object, out: unknown[]): void {
  for (const value of Object.values(row)) out.push(value);
}

/** `system|object|id`: the identity of a CRM record, for deduplicating a batch. */
export function sourceKey(ref: SourceRef): string {
  return `${ref.system}|${ref.object}|${ref.id}`;
}

/** The three columns a record's CRM source ref is kept in, and back. */
function sourceColumns(ref: SourceRef): Pick<DealRow, 'source_system' | 'source_object' | 'source_id'> {
  return { source_system: ref.system, source_object: ref.object, source_id: ref.id };
}

function sourceOf(row: Pick<DealRow, 'source_system' | 'source_object' | 'source_id'>): SourceRef {
  return { system: row.source_system, object: row.source_object, id: row.source_id };
}

export function toPartnerRow(p: Partner): PartnerRow {
  return {
    id: p.id,
    name: p.name,
    domain: p.domain,
    country: p.country,
    region: p.region,
    partner_type: p.partnerType,
    legacy_tier: p.legacyTier,
    last_modified: p.lastModified,
  };
}

export function toSourceRefRows(p: Partner): SourceRefRow[] {
  return p.sourceRefs.map((ref, position) => ({
    system: ref.system,
    object: ref.object,
    source_id: ref.id,
    partner_id: p.id,
    position,
    deleted_at: null,
  }));
}

export function toCrossRefRows(p: Partner): CrossRefRow[] {
  return p.crossRefs.map((ref, position) => ({
    partner_id: p.id,
    system: ref.system,
    object: ref.object,
    source_id: ref.id,
    position,
  }));
}

export function toPartner(
  row: Selectable<PartnersTable>,
  sourceRefs: SourceRef[],
  crossRefs: SourceRef[],
): Partner {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    country: row.country,
    region: row.region,
    partnerType: row.partner_type,
    legacyTier: row.legacy_tier,
    sourceRefs,
    crossRefs,
    lastModified: row.last_modified,
  };
}

export function toDealRow(d: Deal): DealRow {
  return {
    id: d.id,
    ...sourceColumns(d.source),
    name: d.name,
    customer_id: d.customerId,
    sector: d.sector,
    customer_country: d.customerCountry ?? null,
    customer_region: d.customerRegion ?? null,
    technologies: JSON.stringify(d.technologies),
    amount: d.amount?.amount ?? null,
    currency: d.amount?.currency ?? null,
    stage: d.stage,
    is_won: encodeBool(d.isWon),
    is_closed: encodeBool(d.isClosed),
    close_date: d.closeDate,
    renewal: encodeNullableBool(d.signals.renewal),
    expansion: encodeNullableBool(d.signals.expansion),
    satisfaction: d.signals.satisfaction,
    last_modified: d.lastModified,
    deleted_at: null,
  };
}

/** A deal's links, keyed by its stored `seq`; the same partner in the same role twice is kept once. */
export function toDealPartnerRows(d: Deal, seq: number): DealPartnerRow[] {
  const seen = new Set<string>();
  const rows: DealPartnerRow[] = [];
  for (const link of d.partners) {
    const key = `${link.partnerId}|${link.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ deal_seq: seq, partner_id: link.partnerId, role: link.role, position: rows.length });
  }
  return rows;
}

/** The columns `toDeal` reads: everything but `seq` and `deleted_at`. */
export const DEAL_COLUMNS = [
  'id',
  'source_system',
  'source_object',
  'source_id',
  'name',
  'customer_id',
  'sector',
  'customer_country',
  'customer_region',
  'technologies',
  'amount',
  'currency',
  'stage',
  'is_won',
  'is_closed',
  'close_date',
  'renewal',
  'expansion',
  'satisfaction',
  'last_modified',
] as const;

type DealSelection = Pick<Selectable<DealsTable>, (typeof DEAL_COLUMNS)[number]>;

/**
 * Shares equal strings across the rows of one read. The driver makes a new string for every value, and
 * 2M deals repeat the same systems, sectors, stages, currencies, dates, partner ids and technology lists
 * millions of times; sharing them cuts the model's heap, and with it the garbage collector's work.
 */
export class Interner<T extends string> {
  readonly #known = new Map<T, T>();

  /** The first string seen equal to `value`. */
  get(value: T): T {
    const known = this.#known.get(value);
    if (known !== undefined) return known;
    this.#known.set(value, value);
    return value;
  }

  nullable(value: T | null): T | null {
    return value === null ? null : this.get(value);
  }
}

/** The interners of one read, and parsed technology lists by their JSON text. */
export class StringPool {
  readonly text = new Interner<string>();
  readonly partnerIds = new Interner<PartnerId>();
  readonly roles = new Interner<DealRole>();
  readonly #lists = new Map<string, string[]>();

  /** A fresh array of shared strings from a JSON array text (parsed once per distinct text); `where` names its row. */
  list(json: string, where: RowRef): string[] {
    let list = this.#lists.get(json);
    if (list === undefined) {
      list = parseRow(StringListSchema, readJson(json, where), where).map((item) => this.text.get(item));
      this.#lists.set(json, list);
    }
    return list.slice();
  }
}

export function toDeal(row: DealSelection, partners: DealPartner[], pool: StringPool): Deal {
  return {
    id: row.id,
    source: { system: row.source_system, object: pool.text.get(row.source_object), id: row.source_id },
    name: row.name,
    partners,
    customerId: row.customer_id,
    sector: pool.text.nullable(row.sector),
    // Absent rather than null when unknown, as deals mapped without a customer country are.
    ...(row.customer_country === null ? {} : { customerCountry: pool.text.get(row.customer_country) }),
    ...(row.customer_region === null ? {} : { customerRegion: pool.text.get(row.customer_region) }),
    technologies: pool.list(row.technologies, { table: 'deals', rowId: row.id, column: 'technologies' }),
    amount:
      row.amount === null || row.currency === null
        ? null
        : { amount: row.amount, currency: pool.text.get(row.currency) },
    stage: pool.text.nullable(row.stage),
    isWon: decodeBool(row.is_won),
    isClosed: decodeBool(row.is_closed),
    closeDate: pool.text.nullable(row.close_date),
    signals: {
      renewal: decodeNullableBool(row.renewal),
      expansion: decodeNullableBool(row.expansion),
      satisfaction: row.satisfaction,
    },
    lastModified: row.last_modified,
  };
}

export function toCertificationRow(c: Certification): CertificationRow {
  return {
    id: c.id,
    ...sourceColumns(c.source),
    name: c.name,
    partner_id: c.partnerId,
    person_id: c.personId,
    technology: c.technology,
    sector: c.sector,
    level: c.level,
    earned_date: c.earnedDate,
    expiry_date: c.expiryDate,
    last_modified: c.lastModified,
    deleted_at: null,
  };
}

export function toCertification(row: Selectable<CertificationsTable>): Certification {
  return {
    id: row.id,
    source: sourceOf(row),
    name: row.name,
    partnerId: row.partner_id,
    personId: row.person_id,
    technology: row.technology,
    sector: row.sector,
    level: row.level,
    earnedDate: row.earned_date,
    expiryDate: row.expiry_date,
    lastModified: row.last_modified,
  };
}

export function toPersonRow(p: Person): PersonRow {
  return {
    id: p.id,
    ...sourceColumns(p.source),
    name: p.name,
    email: p.email,
    partner_id: p.partnerId,
    last_modified: p.lastModified,
    deleted_at: null,
  };
}

export function toPerson(row: Selectable<PeopleTable>): Person {
  return {
    id: row.id,
    source: sourceOf(row),
    name: row.name,
    email: row.email,
    partnerId: row.partner_id,
    lastModified: row.last_modified,
  };
}
