/**
 * The pieces of a starter mapping that every CRM writes alike (the file around the entities, the partner
 * fields, a deal's outcome, satisfaction, the certification fields, the product family note): each CRM's
 * generator passes its own field names and words as data.
 */
import type { CrmPlugin } from '../plugin.js';
import type { StarterMapping, SurveyField, SurveyObject } from '../types.js';
import {
  EARNED_FIELD,
  EXPIRY_FIELD,
  fieldNamed,
  findField,
  hasValues,
  INDUSTRY_FIELD,
  isDate,
  levelValueMap,
  listInWords,
  REGION_FIELD,
  SATISFACTION_FIELD,
  satisfactionScale,
  TECHNOLOGY_FIELD,
  TIER_FIELD,
} from './starter-rules.js';
import { commentLines, entityBlock, type FieldChoice, type StarterMap } from './starter-yaml.js';

/** The CRM a starter is for: its plugin, for its system, its label and its default mapping file. */
export type StarterCrm = Pick<CrmPlugin, 'system' | 'label' | 'mapping'>;

/** A starter's parts, each as lines, in the order they are written. */
export interface StarterParts {
  /** Notes above `system:` (the product families to map in taxonomy.yaml). */
  note: readonly string[];
  partners: readonly string[];
  deals: readonly string[];
  certifications: readonly string[];
  people: readonly string[];
}

/**
 * The whole starter file: a header, the entities with a comment on each choice, and the write-back section of
 * the mapping it starts from (or, when null, a note that the starter is read-only).
 */
export function starterFile(
  crm: StarterCrm,
  parts: StarterParts,
  review: string[],
  writeback: string | null,
): StarterMapping {
  const { system, label } = crm;
  const { file } = crm.mapping;
  const header = commentLines(
    0,
    `Partner Atlas ← ${label}: a starter mapping that \`atlas mappings init --from-crm ${system}\` wrote from the ${label} schema. Each choice carries a comment; REVIEW marks a guess to check. The field syntax is documented at the top of the default mappings/${file}. Check your edits with \`atlas mappings check\`.`,
  );
  const tail =
    writeback ??
    commentLines(
      0,
      `No write-back section: this mapping only reads. Copy \`writeback:\` from the default mappings/${file} to write results back, then run \`atlas provision ${system} --apply\`.`,
    ).join('\n');
  const lines = [
    ...header,
    '',
    ...parts.note,
    `system: ${system}`,
    '',
    'entities:',
    ...parts.partners,
    ...parts.deals,
    ...parts.certifications,
    ...parts.people,
    tail.trimEnd(),
  ];
  return { text: `${lines.join('\n')}\n`, review };
}

/** Where a CRM keeps what the partner fields read, and how its comments name a field an admin added. */
export interface PartnerFieldNames {
  name: string;
  website: string;
  country: string;
  type: string;
  modified: string;
  /** The comment on the domain: which record of the other CRM it joins with. */
  domainComment: string;
  /** How a comment names a field an admin added: `custom field`, `property`. */
  fieldWord: string;
  /** Which fields may hold the region and the tier (Salesforce: custom ones only). */
  accept: (field: SurveyField) => boolean;
  /** Region values as the model reads them, when they differ from what the CRM stores. */
  regionValues?: (field: SurveyField) => Record<string, string> | undefined;
}

/** The partner entity's fields: name, domain, country, region, type, legacy tier and the modification stamp. */
export function partnerFields(object: SurveyObject, names: PartnerFieldNames): FieldChoice[] {
  const fields: FieldChoice[] = [{ field: 'name', source: { path: names.name } }];
  if (fieldNamed(object, names.website))
    fields.push({
      field: 'domain',
      source: { path: names.website, transform: 'domain' },
      comment: names.domainComment,
    });
  if (fieldNamed(object, names.country))
    fields.push({ field: 'country', source: { path: names.country, transform: 'country' } });
  const region = findField(object, REGION_FIELD, names.accept);
  if (region)
    fields.push({
      field: 'region',
      source: { path: region.name, optional: true, valueMap: names.regionValues?.(region) },
      comment: `${names.fieldWord} "${region.label}"`,
    });
  if (fieldNamed(object, names.type)) fields.push({ field: 'partnerType', source: { path: names.type } });
  const tier = findField(object, TIER_FIELD, names.accept);
  if (tier)
    fields.push({
      field: 'legacyTier',
      source: { path: tier.name, transform: 'lowercase', optional: true },
      comment: `${names.fieldWord} "${tier.label}": only to compare with segments`,
    });
  fields.push({
    field: 'lastModified',
    source: { path: names.modified, cast: 'datetime' },
    comment: 'also the incremental sync cursor',
  });
  return fields;
}

/** Where a CRM keeps a deal's amount, currency, stage and outcome, and what to say of its currency. */
export interface DealOutcomeNames {
  amount: string;
  currency: string;
  /** The comment when the deal names its currency. */
  currencyComment: string;
  /** The comment on the constant written when it does not. */
  noCurrencyComment: string;
  stage: string;
  isWon: string;
  isClosed: string;
  closeDate: string;
}

/** A deal's amount, currency (its own, or a constant to review), stage, outcome and close date. */
export function dealOutcomeFields(deal: SurveyObject, names: DealOutcomeNames): FieldChoice[] {
  return [
    { field: 'amount', source: { path: names.amount, cast: 'number' } },
    fieldNamed(deal, names.currency)
      ? {
          field: 'currency',
          source: { path: names.currency, default: 'USD' },
          comment: names.currencyComment,
        }
      : { field: 'currency', source: { const: 'USD' }, comment: names.noCurrencyComment },
    { field: 'stage', source: { path: names.stage } },
    { field: 'isWon', source: { path: names.isWon, cast: 'boolean' } },
    { field: 'isClosed', source: { path: names.isClosed, cast: 'boolean' } },
    { field: 'closeDate', source: { path: names.closeDate, cast: 'date' } },
  ];
}

/**
 * A satisfaction score the deal holds, rescaled to 0–1, with a note to check its scale; none when no number
 * field (that `accept` takes) names satisfaction. `target` is how the comment names 0–1.
 */
export function satisfactionFields(
  deal: SurveyObject,
  accept: (field: SurveyField) => boolean,
  target: string,
  review: string[],
): FieldChoice[] {
  const csat = findField(deal, SATISFACTION_FIELD, accept);
  if (!csat) return [];
  const from = satisfactionScale(csat);
  review.push(`Check the scale of ${csat.label} (${csat.name}): the starter assumes ${from[0]}–${from[1]}.`);
  return [
    {
      field: 'satisfaction',
      source: { path: csat.name, optional: true, cast: 'number', rescale: { from, to: [0, 1] } },
      comment: `REVIEW: "${csat.label}" read as ${from[0]}–${from[1]}, rescaled to ${target}`,
    },
  ];
}

/** How a CRM's certification object is read beyond its name, partner and person. */
export interface CertificationRules {
  /** Whether the technology and industry fields must hold picklist values (else any matching field). */
  valuesOnly: boolean;
  /** Whether level values that already are the model's levels are read as they are, without a value map. */
  keepModelLevels: boolean;
  /** The comment on the level when every value names a level. */
  matchedComment?: string;
  /** The modification stamp. */
  modified: string;
}

/**
 * The certifications entity of a custom object: `head` (name, partner, person), then technology, sector, level
 * (values mapped to the model's levels; the ones that match none go to the review list), earned and expiry
 * dates, and the modification stamp.
 */
export function certificationsEntity(
  object: SurveyObject,
  level: SurveyField,
  head: readonly FieldChoice[],
  rules: CertificationRules,
  review: string[],
): string[] {
  const levels = levelValueMap(level.values.map((v) => v.value));
  const unmatched = level.values.map((v) => v.value).filter((v) => !(v in levels));
  if (unmatched.length > 0)
    review.push(
      `Map the certification levels ${listInWords(unmatched)} (${object.name}.${level.name}) to foundational, associate, professional or expert.`,
    );
  const picklists = (f: SurveyField) => !rules.valuesOnly || hasValues(f);
  /** The model field `model` from the first field that matches, or nothing. */
  const found = (
    model: string,
    pattern: RegExp,
    accept: (f: SurveyField) => boolean,
    source: (path: string) => StarterMap,
    comment?: string,
  ): FieldChoice[] => {
    const f = findField(object, pattern, accept);
    return f ? [{ field: model, source: source(f.name), comment }] : [];
  };
  const asModel = rules.keepModelLevels && Object.entries(levels).every(([raw, model]) => raw === model);
  const fields: FieldChoice[] = [
    ...head,
    ...found(
      'technology',
      TECHNOLOGY_FIELD,
      (f) => picklists(f) && f !== level,
      (path) => ({ path, taxonomy: 'technologies' }),
    ),
    ...found(
      'sector',
      INDUSTRY_FIELD,
      picklists,
      (path) => ({ path, taxonomy: 'sectors' }),
      'industry certifications only',
    ),
    {
      field: 'level',
      source:
        Object.keys(levels).length > 0 && !asModel
          ? { path: level.name, valueMap: levels }
          : { path: level.name },
      comment:
        unmatched.length > 0 ? `REVIEW: ${listInWords(unmatched)} match no level` : rules.matchedComment,
    },
    ...found('earnedDate', EARNED_FIELD, isDate, (path) => ({ path, cast: 'date' })),
    ...found(
      'expiryDate',
      EXPIRY_FIELD,
      isDate,
      (path) => ({ path, cast: 'date' }),
      'expired certifications do not count',
    ),
  ];
  fields.push({ field: 'lastModified', source: { path: rules.modified, cast: 'datetime' } });
  return entityBlock({
    name: 'certifications',
    heading: `Certifications: the custom object ${object.label}. Required: partnerId, level, lastModified.`,
    object: object.name,
    filter: [],
    fields,
  });
}

/** Certifications left out: why (also for the review list), and how to add them. */
export function certificationsLeftOut(why: string, howToAdd: string, review: string[]): string[] {
  review.push(`Certifications are left out: ${why}.`);
  return commentLines(2, `Certifications left out: ${why}. ${howToAdd}`);
}

/** The product family values `where` holds, for the admin to map in taxonomy.yaml (none: no note). */
export function familiesNote(where: string, values: readonly string[], review: string[]): string[] {
  if (values.length === 0) return [];
  review.push(`Map your product families (${listInWords(values)}) to technologies in taxonomy.yaml.`);
  return [
    ...commentLines(
      0,
      `TAXONOMY: ${where} holds ${listInWords(values)}. List each under the technology it means in taxonomy.yaml (technologies → values), or it is reported as unmapped.`,
    ),
    '',
  ];
}
