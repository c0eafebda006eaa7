/** The model fields a mapping may fill, per entity: their type, whether required, and their allowed values. */
import { CertificationLevelSchema, ENTITY_NAMES, type EntityName } from '../model/index.js';

export { ENTITY_NAMES, type EntityName };

/**
 * What a model field holds once mapped:
 * - `string`, `number`, `boolean`, `date` (`YYYY-MM-DD`), `datetime` (ISO UTC);
 * - `enum`: one of `values`, matched case-insensitively;
 * - `sector` / `technology`: a taxonomy key of that axis;
 * - `partnerRef` / `personRef` / `accountRef`: a CRM record id turned into the refKey of that record
 *   (partners and customers are records of the partners object; persons of the people object).
 */
export type FieldKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'sector'
  | 'technology'
  | 'partnerRef'
  | 'personRef'
  | 'accountRef';

export interface ModelFieldSpec {
  kind: FieldKind;
  /** A record whose required field ends up empty is skipped with an error issue. */
  required: boolean;
  /** A list (deduplicated) rather than a single value. */
  many?: boolean;
  values?: readonly string[];
  /** Longer text is cut, with a warning (names). */
  maxLength?: number;
  /** Inclusive range of the final number (e.g. satisfaction 0..1); outside it, a warning and no value. */
  range?: readonly [number, number];
  /** Shown in `atlas mappings check` and in errors. */
  description: string;
}

/**
 * First and last year a mapped date or date-time may fall in. Others are typos or "never" sentinels
 * (Salesforce's 4000-12-31), and a far-future lastModified would hold the sync cursor: an optional date
 * outside them is left empty with a warning, a record whose lastModified is outside them is skipped.
 */
export const PLAUSIBLE_YEARS = [1970, 2100] as const;

/** Names longer than this are cut with a warning: Salesforce's Name fields hold 255 characters at most. */
export const NAME_MAX_LENGTH = 255;

const NAME: ModelFieldSpec = {
  kind: 'string',
  required: false,
  maxLength: NAME_MAX_LENGTH,
  description: 'display name',
};
const LAST_MODIFIED: ModelFieldSpec = {
  kind: 'datetime',
  required: true,
  description: 'last modification time of the CRM record (also the sync cursor)',
};

/** Every mappable field per entity. Keys of `fields:` in a mapping must be one of these. */
export const MODEL_FIELDS = {
  partners: {
    name: { ...NAME, required: true },
    domain: { kind: 'string', required: false, description: 'normalised web domain, e.g. example.com' },
    country: { kind: 'string', required: false, description: 'ISO 3166-1 alpha-2 code where recognised' },
    region: { kind: 'string', required: false, description: 'sales region' },
    partnerType: { kind: 'string', required: false, description: 'partner type as the CRM says it' },
    legacyTier: { kind: 'string', required: false, description: 'revenue tier, kept only to compare' },
    lastModified: LAST_MODIFIED,
  },
  deals: {
    name: NAME,
    customerId: { kind: 'accountRef', required: false, description: "refKey of the customer's record" },
    sector: { kind: 'sector', required: false, description: "customer's sector (taxonomy key)" },
    customerCountry: {
      kind: 'string',
      required: false,
      description: "customer's country (ISO 3166-1 alpha-2; its region comes from taxonomy.yaml regions)",
    },
    technologies: {
      kind: 'technology',
      required: false,
      many: true,
      description: 'technologies sold (taxonomy keys)',
    },
    amount: { kind: 'number', required: false, description: 'deal amount' },
    currency: { kind: 'string', required: false, description: 'ISO 4217 code of the amount' },
    stage: { kind: 'string', required: false, description: 'sales stage' },
    isWon: { kind: 'boolean', required: true, description: 'the deal is won' },
    isClosed: { kind: 'boolean', required: true, description: 'the deal is closed (won or lost)' },
    closeDate: { kind: 'date', required: false, description: 'close date' },
    renewal: { kind: 'boolean', required: false, description: 'signal: the customer came back' },
    expansion: { kind: 'boolean', required: false, description: 'signal: the customer bought more' },
    satisfaction: {
      kind: 'number',
      required: false,
      range: [0, 1],
      description: 'signal: customer satisfaction on a 0–1 scale',
    },
    lastModified: LAST_MODIFIED,
  },
  certifications: {
    name: NAME,
    partnerId: { kind: 'partnerRef', required: true, description: 'the partner holding it' },
    personId: { kind: 'personRef', required: false, description: 'the certified person' },
    technology: { kind: 'technology', required: false, description: 'technology certified (taxonomy key)' },
    sector: { kind: 'sector', required: false, description: 'sector, for industry certifications' },
    level: {
      kind: 'enum',
      required: true,
      values: CertificationLevelSchema.options,
      description: 'certification level',
    },
    earnedDate: { kind: 'date', required: false, description: 'date earned' },
    expiryDate: { kind: 'date', required: false, description: 'date it expires' },
    lastModified: LAST_MODIFIED,
  },
  people: {
    name: NAME,
    email: { kind: 'string', required: false, description: 'e-mail address' },
    partnerId: { kind: 'partnerRef', required: false, description: 'the partner the person works for' },
    lastModified: LAST_MODIFIED,
  },
} as const satisfies Record<EntityName, Record<string, ModelFieldSpec>>;

export type ModelFieldName<E extends EntityName> = keyof (typeof MODEL_FIELDS)[E] & string;

/** The spec of one field, widened for generic code. */
export function fieldSpec(entity: EntityName, field: string): ModelFieldSpec | undefined {
  const fields: Record<string, ModelFieldSpec> = MODEL_FIELDS[entity];
  return fields[field];
}

/** The field names of an entity, in catalogue order. */
export function fieldNames(entity: EntityName): string[] {
  return Object.keys(MODEL_FIELDS[entity]);
}

/** The cast a field kind implies: taxonomy keys, enums and refs are read as text. */
export function castForKind(kind: FieldKind): 'string' | 'number' | 'boolean' | 'date' | 'datetime' {
  switch (kind) {
    case 'number':
    case 'boolean':
    case 'date':
    case 'datetime':
      return kind;
    default:
      return 'string';
  }
}
