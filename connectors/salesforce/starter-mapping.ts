/** A starter `salesforce.yaml` from an org's describes: PRM or not, partner roles, currency, custom fields, certifications. */
import { AtlasError } from '../../src/errors.js';
import {
  certificationsEntity,
  certificationsLeftOut,
  dealOutcomeFields,
  familiesNote,
  partnerFields,
  type StarterCrm,
  satisfactionFields,
  starterFile,
} from '../kit/starter-blocks.js';
import {
  CERTIFICATION_OBJECT,
  fieldNamed,
  findField,
  guessRole,
  hasValues,
  isNumber,
  LEVEL_FIELD,
  listInWords,
  namesPartnerType,
  PARTNER_WORDS,
  surveyObject,
} from '../kit/starter-rules.js';
import {
  commentLines,
  entityBlock,
  type FieldChoice,
  listItems,
  type StarterMap,
} from '../kit/starter-yaml.js';
import type { CrmSurvey, StarterMapping, SurveyObject, SurveyOptions } from '../types.js';

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
  if (filter.guessed) review.push(filter.comment.replace(/^REVIEW: /, ''));
  return entityBlock({
    name: 'partners',
    heading: 'Partners: the partner accounts. Required: name, lastModified.',
    object: 'Account',
    filter: filter.condition ? [{ value: filter.condition }] : [],
    filterComment: filter.comment,
    fields: partnerFields(account, {
      name: 'Name',
      website: 'Website',
      country: 'BillingCountry',
      type: 'Type',
      modified: 'SystemModstamp',
      domainComment: 'joins the partner with its HubSpot company',
      fieldWord: 'custom field',
      accept: (f) => f.custom,
    }),
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
  if (fieldNamed(account, 'BillingCountry'))
    fields.push({
      field: 'customerCountry',
      source: { path: 'Account.BillingCountry', transform: 'country' },
      comment: "the customer's country; its region comes from taxonomy.yaml",
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
  fields.push(
    ...dealOutcomeFields(opportunity, {
      amount: 'Amount',
      currency: 'CurrencyIsoCode',
      currencyComment: 'a multi-currency org: each opportunity says its currency',
      noCurrencyComment: 'REVIEW: a single-currency org; put your corporate currency here',
      stage: 'StageName',
      isWon: 'IsWon',
      isClosed: 'IsClosed',
      closeDate: 'CloseDate',
    }),
  );
  fields.push(...typeSignals(opportunity));
  fields.push(...satisfactionFields(opportunity, (f) => f.custom && isNumber(f), "the model's 0–1", review));
  fields.push({ field: 'lastModified', source: { path: 'SystemModstamp', cast: 'datetime' } });
  return fields;
}

/** Renewal and expansion from the Opportunity Type picklist, when its values say so. */
function typeSignals(opportunity: SurveyObject): FieldChoice[] {
  const values = (fieldNamed(opportunity, 'Type')?.values ?? []).map((v) => v.value);
  const signal = (field: string, words: RegExp, comment: string): FieldChoice[] => {
    const valueMap = Object.fromEntries(values.map((v) => [v, words.test(v)]));
    return Object.values(valueMap).some(Boolean)
      ? [{ field, source: { path: 'Type', valueMap }, comment }]
      : [];
  };
  return [
    ...signal('renewal', /existing|renew|upgrade|replace|downgrade/i, 'signal: the customer came back'),
    ...signal('expansion', /upgrade|expan|upsell|add.?on|cross.?sell/i, 'signal: the customer bought more'),
  ];
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
    const head: FieldChoice[] = [
      { field: 'name', source: { path: 'Name' } },
      {
        field: 'partnerId',
        source: { path: partner.name },
        comment: `lookup "${partner.label}" to the partner account`,
      },
    ];
    const person = object.fields.find((f) => f.referenceTo.includes('Contact'));
    if (person)
      head.push({ field: 'personId', source: { path: person.name }, comment: 'the certified contact' });
    return certificationsEntity(
      object,
      level,
      head,
      { valuesOnly: true, keepModelLevels: false, modified: 'SystemModstamp' },
      review,
    );
  }
  const named = candidates.map((o) => o.name);
  const why =
    named.length === 0
      ? 'no custom object has "Certif" in its name or label'
      : `${listInWords(named)} ${named.length === 1 ? 'has' : 'have'} no lookup to Account or no level picklist`;
  return certificationsLeftOut(
    why,
    'To add them, map a custom object with a lookup to the partner Account, a level picklist and a technology picklist (see the default mappings/salesforce.yaml).',
    review,
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

/**
 * The starter `salesforce.yaml` for a surveyed org, ending with `writeback` (or a note that it only reads).
 * @example
 * const { text, review } = salesforceStarter(crm, await connector.surveySchema(SALESFORCE_SURVEY), null);
 */
export function salesforceStarter(
  crm: StarterCrm,
  survey: CrmSurvey,
  writeback: string | null,
): StarterMapping {
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
  // Product family values, for the admin to map in taxonomy.yaml (names cannot be guessed reliably).
  const families = (fieldNamed(surveyObject(survey, 'Product2'), 'Family')?.values ?? []).map((v) => v.value);
  const parts = {
    note: familiesNote('Product2.Family', families, review),
    partners: partnersBlock(account, filter, review),
    deals: dealsBlock(survey, prm, review),
    certifications: certificationsBlock(survey, review),
    people: peopleBlock(survey, filter),
  };
  return starterFile(crm, parts, review, writeback);
}
