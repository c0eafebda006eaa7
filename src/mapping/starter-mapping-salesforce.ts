/** A starter `salesforce.yaml` from an org's describes: PRM or not, partner roles, currency, custom fields, certifications. */
import type { CrmSurvey, SurveyObject, SurveyOptions } from '../../connectors/types.js';
import { AtlasError } from '../errors.js';
import {
  CERTIFICATION_OBJECT,
  EARNED_FIELD,
  EXPIRY_FIELD,
  fieldNamed,
  findField,
  guessRole,
  hasValues,
  INDUSTRY_FIELD,
  isDate,
  isNumber,
  LEVEL_FIELD,
  levelValueMap,
  listInWords,
  namesPartnerType,
  PARTNER_WORDS,
  REGION_FIELD,
  SATISFACTION_FIELD,
  satisfactionScale,
  surveyObject,
  TECHNOLOGY_FIELD,
  TIER_FIELD,
} from './starter-mapping-rules.js';
import {
  commentLines,
  entityBlock,
  type FieldChoice,
  listItems,
  type StarterMap,
  type StarterMapping,
} from './starter-mapping-text.js';

/** What the Salesforce starter reads: the standard objects behind partners, deals and people, and certification objects. */
export const SALESFORCE_SURVEY: SurveyOptions = {
  objects: ['Account', 'Opportunity', 'OpportunityPartner', 'OpportunityLineItem', 'Product2', 'Contact'],
  customObjects: CERTIFICATION_OBJECT,
  associations: [],
};

/** Where partner accounts are told apart: the PRM flag, or account types that name a partner. */
interface PartnerFilter {
  /** `{ field, op, value }` on Account; null when nothing tells partners apart. */
  condition: { field: string; op: 'eq' | 'in'; value: boolean | string[] } | null;
  comment: string;
  /** A guess the admin should check (no PRM flag to rely on). */
  guessed: boolean;
}

function partnerFilter(account: SurveyObject, prm: boolean): PartnerFilter {
  if (prm) {
    return {
      condition: { field: 'IsPartner', op: 'eq', value: true },
      comment:
        'Partner relationship management is on (Account.IsPartner and Opportunity.PartnerAccountId exist): partners are the accounts enabled as partners.',
      guessed: false,
    };
  }
  const types = (fieldNamed(account, 'Type')?.values ?? []).map((v) => v.value).filter(namesPartnerType);
  if (types.length === 0) {
    return {
      condition: null,
      comment:
        'REVIEW: No partner relationship management and no Account.Type value that names a partner, so every account is read as a partner. Add a filter that selects your partner accounts.',
      guessed: true,
    };
  }
  return {
    condition: { field: 'Type', op: 'in', value: types },
    comment:
      'REVIEW: No partner relationship management (no Account.IsPartner / Opportunity.PartnerAccountId), so partners are the accounts whose Type names a partner. Check the list.',
    guessed: true,
  };
}

function partnersBlock(account: SurveyObject, filter: PartnerFilter, review: string[]): string[] {
  const fields: FieldChoice[] = [{ field: 'name', source: { path: 'Name' } }];
  if (fieldNamed(account, 'Website'))
    fields.push({
      field: 'domain',
      source: { path: 'Website', transform: 'domain' },
      comment: 'joins the partner with its HubSpot company',
    });
  if (fieldNamed(account, 'BillingCountry'))
    fields.push({ field: 'country', source: { path: 'BillingCountry', transform: 'country' } });
  const region = findField(account, REGION_FIELD, (f) => f.custom);
  if (region)
    fields.push({
      field: 'region',
      source: { path: region.name, optional: true },
      comment: `custom field "${region.label}"`,
    });
  if (fieldNamed(account, 'Type')) fields.push({ field: 'partnerType', source: { path: 'Type' } });
  const tier = findField(account, TIER_FIELD, (f) => f.custom);
  if (tier)
    fields.push({
      field: 'legacyTier',
      source: { path: tier.name, transform: 'lowercase', optional: true },
      comment: `custom field "${tier.label}": only to compare with segments`,
    });
  fields.push({
    field: 'lastModified',
    source: { path: 'SystemModstamp', cast: 'datetime' },
    comment: 'also the incremental sync cursor',
  });
  if (filter.guessed) review.push(filter.comment.replace(/^REVIEW: /, ''));
  return entityBlock({
    name: 'partners',
    heading: 'Partners: the partner accounts. Required: name, lastModified.',
    object: 'Account',
    filter: filter.condition ? [{ value: filter.condition }] : [],
    filterComment: filter.comment,
    fields,
    more: [
      '    # Records of this account in other CRMs (none: HubSpot points at Salesforce, not the reverse).',
      '    crossRefs: []',
    ],
  });
}

/** The deal fields every org has, plus line item product families, currency, Type signals and CSAT. */
function dealFields(survey: CrmSurvey, opportunity: SurveyObject, review: string[]): FieldChoice[] {
  const account = surveyObject(survey, 'Account');
  const fields: FieldChoice[] = [
    { field: 'name', source: { path: 'Name' } },
    { field: 'customerId', source: { path: 'AccountId' }, comment: 'counts distinct customers' },
  ];
  if (fieldNamed(account, 'Industry'))
    fields.push({
      field: 'sector',
      source: { path: 'Account.Industry', taxonomy: 'sectors' },
      comment: "the customer's industry: the vertical axis",
    });
  const family = fieldNamed(surveyObject(survey, 'Product2'), 'Family');
  const lineItems = opportunity.related.some((r) => r.name === 'OpportunityLineItems');
  if (family && lineItems) {
    fields.push({
      field: 'technologies',
      source: { collection: 'OpportunityLineItems', path: 'Product2.Family', taxonomy: 'technologies' },
      comment: "each line item's product family: the horizontal axis",
    });
  } else {
    review.push(
      'Deals name no technology (no line items with a product family): technologies come from certifications only.',
    );
  }
  fields.push({ field: 'amount', source: { path: 'Amount', cast: 'number' } });
  fields.push(
    fieldNamed(opportunity, 'CurrencyIsoCode')
      ? {
          field: 'currency',
          source: { path: 'CurrencyIsoCode', default: 'USD' },
          comment: 'a multi-currency org: each opportunity says its currency',
        }
      : {
          field: 'currency',
          source: { const: 'USD' },
          comment: 'REVIEW: a single-currency org; put your corporate currency here',
        },
  );
  fields.push({ field: 'stage', source: { path: 'StageName' } });
  fields.push({ field: 'isWon', source: { path: 'IsWon', cast: 'boolean' } });
  fields.push({ field: 'isClosed', source: { path: 'IsClosed', cast: 'boolean' } });
  fields.push({ field: 'closeDate', source: { path: 'CloseDate', cast: 'date' } });
  fields.push(...typeSignals(opportunity));
  const csat = findField(opportunity, SATISFACTION_FIELD, (f) => f.custom && isNumber(f));
  if (csat) {
    const from = satisfactionScale(csat);
    fields.push({
      field: 'satisfaction',
      source: { path: csat.name, optional: true, cast: 'number', rescale: { from, to: [0, 1] } },
      comment: `REVIEW: "${csat.label}" read as ${from[0]}–${from[1]}, rescaled to the model's 0–1`,
    });
    review.push(
      `Check the scale of ${csat.label} (${csat.name}): the starter assumes ${from[0]}–${from[1]}.`,
    );
  }
  fields.push({ field: 'lastModified', source: { path: 'SystemModstamp', cast: 'datetime' } });
  return fields;
}

/** Renewal and expansion from the Opportunity Type picklist, when its values say so. */
function typeSignals(opportunity: SurveyObject): FieldChoice[] {
  const values = (fieldNamed(opportunity, 'Type')?.values ?? []).map((v) => v.value);
  const renewal = Object.fromEntries(
    values.map((v) => [v, /existing|renew|upgrade|replace|downgrade/i.test(v)]),
  );
  const expansion = Object.fromEntries(
    values.map((v) => [v, /upgrade|expan|upsell|add.?on|cross.?sell/i.test(v)]),
  );
  const choices: FieldChoice[] = [];
  if (Object.values(renewal).some(Boolean))
    choices.push({
      field: 'renewal',
      source: { path: 'Type', valueMap: renewal },
      comment: 'signal: the customer came back',
    });
  if (Object.values(expansion).some(Boolean))
    choices.push({
      field: 'expansion',
      source: { path: 'Type', valueMap: expansion },
      comment: 'signal: the customer bought more',
    });
  return choices;
}

/** How opportunities name partners: the PRM lookup, custom lookups to Account, the OpportunityPartner list. */
function dealLinkages(
  survey: CrmSurvey,
  opportunity: SurveyObject,
  prm: boolean,
  review: string[],
): string[] {
  const items: { value: StarterMap; comment?: string }[] = [];
  if (prm)
    items.push({
      value: { kind: 'lookup', path: 'PartnerAccountId', role: 'sourced' },
      comment:
        'The Partner Account lookup of partner relationship management: the partner that brought the deal.',
    });
  for (const f of opportunity.fields) {
    if (!f.custom || !f.referenceTo.includes('Account') || !PARTNER_WORDS.test(`${f.name} ${f.label}`))
      continue;
    const role = guessRole(f.label);
    items.push({
      value: { kind: 'lookup', path: f.name, role, optional: true },
      comment: `REVIEW: custom lookup "${f.label}" to a partner account; role ${role} guessed from its label.`,
    });
  }
  const junction = surveyObject(survey, 'OpportunityPartner');
  if (
    opportunity.related.some((r) => r.name === 'OpportunityPartnersFrom') &&
    fieldNamed(junction, 'AccountToId')
  ) {
    const roles = Object.fromEntries(
      (fieldNamed(junction, 'Role')?.values ?? []).map((v) => [v.value, guessRole(v.value)]),
    );
    items.push({
      value: {
        kind: 'junction',
        relationship: 'OpportunityPartnersFrom',
        partnerField: 'AccountToId',
        roleField: 'Role',
        roles,
        defaultRole: 'influenced',
      },
      comment:
        'REVIEW: the Opportunity Partners related list; each Partner Role value got the role its name suggests (delivery and integration words → delivered, resale → sourced, else influenced).',
    });
    review.push('Check the roles given to the OpportunityPartner Role values in salesforce.yaml.');
  }
  if (items.length === 0) return [];
  return [
    '    # How an opportunity names its partners; each linkage adds { partnerId, role }.',
    '    partners:',
    ...listItems(6, items),
  ];
}

function dealsBlock(survey: CrmSurvey, prm: boolean, review: string[]): string[] {
  const opportunity = surveyObject(survey, 'Opportunity');
  if (!opportunity) {
    review.push('The integration user cannot see Opportunity: no deals are read.');
    return commentLines(2, 'Deals left out: the integration user cannot see the Opportunity object.');
  }
  const partners = dealLinkages(survey, opportunity, prm, review);
  if (partners.length === 0) {
    review.push('No partner lookup and no Opportunity Partners list: deals are left out.');
    return commentLines(
      2,
      'Deals left out: opportunities have no partner lookup and no Opportunity Partners list.',
    );
  }
  return entityBlock({
    name: 'deals',
    heading: 'Deals: opportunities, the evidence of expertise. Required: isWon, isClosed, lastModified.',
    object: 'Opportunity',
    filter: [],
    filterComment: 'every opportunity; open ones count as pipeline',
    fields: dealFields(survey, opportunity, review),
    more: partners,
  });
}

/** The first certification-like custom object with a lookup to Account and a level field, with its fields. */
function certificationsBlock(survey: CrmSurvey, review: string[]): string[] {
  const candidates = survey.objects.filter(
    (o) => o.custom && (CERTIFICATION_OBJECT.test(o.name) || CERTIFICATION_OBJECT.test(o.label)),
  );
  for (const object of candidates) {
    const partner =
      findField(object, PARTNER_WORDS, (f) => f.referenceTo.includes('Account')) ??
      object.fields.find((f) => f.referenceTo.includes('Account'));
    const level = findField(object, LEVEL_FIELD, hasValues);
    if (!partner || !level) continue;
    const levels = levelValueMap(level.values.map((v) => v.value));
    const unmatched = level.values.map((v) => v.value).filter((v) => !(v in levels));
    if (unmatched.length > 0)
      review.push(
        `Map the certification levels ${listInWords(unmatched)} (${object.name}.${level.name}) to foundational, associate, professional or expert.`,
      );
    const fields: FieldChoice[] = [{ field: 'name', source: { path: 'Name' } }];
    fields.push({
      field: 'partnerId',
      source: { path: partner.name },
      comment: `lookup "${partner.label}" to the partner account`,
    });
    const person = object.fields.find((f) => f.referenceTo.includes('Contact'));
    if (person)
      fields.push({ field: 'personId', source: { path: person.name }, comment: 'the certified contact' });
    const technology = findField(object, TECHNOLOGY_FIELD, (f) => hasValues(f) && f !== level);
    if (technology)
      fields.push({ field: 'technology', source: { path: technology.name, taxonomy: 'technologies' } });
    const industry = findField(object, INDUSTRY_FIELD, hasValues);
    if (industry)
      fields.push({
        field: 'sector',
        source: { path: industry.name, taxonomy: 'sectors' },
        comment: 'industry certifications only',
      });
    fields.push({
      field: 'level',
      source: Object.keys(levels).length > 0 ? { path: level.name, valueMap: levels } : { path: level.name },
      comment: unmatched.length > 0 ? `REVIEW: ${listInWords(unmatched)} match no level` : undefined,
    });
    const earned = findField(object, EARNED_FIELD, isDate);
    if (earned) fields.push({ field: 'earnedDate', source: { path: earned.name, cast: 'date' } });
    const expiry = findField(object, EXPIRY_FIELD, isDate);
    if (expiry)
      fields.push({
        field: 'expiryDate',
        source: { path: expiry.name, cast: 'date' },
        comment: 'expired certifications do not count',
      });
    fields.push({ field: 'lastModified', source: { path: 'SystemModstamp', cast: 'datetime' } });
    return entityBlock({
      name: 'certifications',
      heading: `Certifications: the custom object ${object.label}. Required: partnerId, level, lastModified.`,
      object: object.name,
      filter: [],
      fields,
    });
  }
  const named = candidates.map((o) => o.name);
  const why =
    named.length === 0
      ? 'no custom object has "Certif" in its name or label'
      : `${listInWords(named)} ${named.length === 1 ? 'has' : 'have'} no lookup to Account or no level picklist`;
  review.push(`Certifications are left out: ${why}.`);
  return commentLines(
    2,
    `Certifications left out: ${why}. To add them, map a custom object with a lookup to the partner Account, a level picklist and a technology picklist (see the default mappings/salesforce.yaml).`,
  );
}

function peopleBlock(survey: CrmSurvey, filter: PartnerFilter): string[] {
  const contact = surveyObject(survey, 'Contact');
  if (!contact)
    return commentLines(2, 'People left out: the integration user cannot see the Contact object.');
  const condition = filter.condition;
  return entityBlock({
    name: 'people',
    heading: 'People: contacts at partner accounts, who hold certifications. Required: lastModified.',
    object: 'Contact',
    filter: condition ? [{ value: { ...condition, field: `Account.${condition.field}` } }] : [],
    filterComment: "only people at partner accounts (the partners filter, on the contact's account)",
    fields: [
      { field: 'name', source: { path: 'Name' } },
      { field: 'email', source: { path: 'Email', transform: 'lowercase' } },
      { field: 'partnerId', source: { path: 'AccountId' } },
      { field: 'lastModified', source: { path: 'SystemModstamp', cast: 'datetime' } },
    ],
  });
}

/** Product family values, for the admin to map in taxonomy.yaml (names cannot be guessed reliably). */
function familiesNote(survey: CrmSurvey, review: string[]): string[] {
  const values = (fieldNamed(surveyObject(survey, 'Product2'), 'Family')?.values ?? []).map((v) => v.value);
  if (values.length === 0) return [];
  review.push(`Map your product families (${listInWords(values)}) to technologies in taxonomy.yaml.`);
  return [
    ...commentLines(
      0,
      `TAXONOMY: Product2.Family holds ${listInWords(values)}. List each under the technology it means in taxonomy.yaml (technologies → values), or it is reported as unmapped.`,
    ),
    '',
  ];
}

/**
 * The starter `salesforce.yaml` for a surveyed org, without its write-back section.
 * @example
 * const { text, review } = salesforceStarter(await connector.surveySchema(SALESFORCE_SURVEY));
 */
export function salesforceStarter(survey: CrmSurvey): StarterMapping {
  const account = surveyObject(survey, 'Account');
  if (!account) {
    throw new AtlasError(
      'UNKNOWN_OBJECT',
      'Salesforce shows no Account object to the integration user: grant it read access to accounts, then run `atlas mappings init` again',
      {
        context: { system: 'salesforce', object: 'Account' },
      },
    );
  }
  const review: string[] = [];
  const prm = Boolean(
    fieldNamed(account, 'IsPartner') && fieldNamed(surveyObject(survey, 'Opportunity'), 'PartnerAccountId'),
  );
  const filter = partnerFilter(account, prm);
  const lines = [
    ...familiesNote(survey, review),
    'system: salesforce',
    '',
    'entities:',
    ...partnersBlock(account, filter, review),
    ...dealsBlock(survey, prm, review),
    ...certificationsBlock(survey, review),
    ...peopleBlock(survey, filter),
  ];
  return { text: lines.join('\n'), review };
}
