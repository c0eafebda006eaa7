/** A starter `hubspot.yaml` from a portal's properties, custom objects and deal → company association labels. */
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
  PRODUCT_FAMILY_FIELD,
  surveyObject,
} from '../kit/starter-rules.js';
import { commentLines, entityBlock, entry, type FieldChoice, type StarterMap } from '../kit/starter-yaml.js';
import type { CrmSurvey, StarterMapping, SurveyField, SurveyObject, SurveyOptions } from '../types.js';

/** What the HubSpot starter reads: the standard objects, certification custom objects, and the labels that name roles. */
export const HUBSPOT_SURVEY: SurveyOptions = {
  objects: ['companies', 'deals', 'line_items', 'contacts'],
  customObjects: CERTIFICATION_OBJECT,
  associations: [
    { from: 'deals', to: 'companies' },
    { from: 'contacts', to: 'companies' },
  ],
};

/**
 * HubSpot's primary-company labels before and after its 2024-02-19 rename, for a portal that answers none
 * (https://developers.hubspot.com/changelog/changes-to-primary-labels-for-hubspot-defined-association-labels).
 */
const PRIMARY_FALLBACK = {
  deals: ['Primary', 'Deal with Primary Company'],
  contacts: ['Primary', 'Contact with Primary Company'],
};

/** HubSpot's own labels from `from` to companies (the primary company), or the documented spellings. */
function primaryLabels(survey: CrmSurvey, from: 'deals' | 'contacts'): string[] {
  const found = survey.associationLabels
    .filter((l) => l.from === from && l.to === 'companies' && !l.userDefined && /primary/i.test(l.label))
    .map((l) => l.label);
  return found.length > 0 ? found : PRIMARY_FALLBACK[from];
}

/** An enumeration's internal values → their labels, when they differ (`emea` → `EMEA`). */
function labelMap(field: SurveyField): Record<string, string> | undefined {
  const differing = field.values.filter((v) => v.value !== v.label);
  return differing.length > 0 ? Object.fromEntries(field.values.map((v) => [v.value, v.label])) : undefined;
}

function partnersBlock(companies: SurveyObject, review: string[]): string[] {
  const types = (fieldNamed(companies, 'type')?.values ?? []).filter((v) =>
    namesPartnerType(`${v.value} ${v.label}`),
  );
  const filterComment =
    types.length > 0
      ? 'companies whose type names a partner'
      : 'REVIEW: no company type names a partner, so every company is read as a partner. Add a filter that selects your partners.';
  if (types.length === 0)
    review.push('Every HubSpot company is read as a partner: add a filter to the partners entity.');
  const crossRef = fieldNamed(companies, 'salesforceaccountid');
  return entityBlock({
    name: 'partners',
    heading: 'Partners: partner and reseller companies. Required: name, lastModified.',
    object: 'companies',
    filter:
      types.length > 0 ? [{ value: { field: 'type', op: 'in', value: types.map((t) => t.value) } }] : [],
    filterComment,
    fields: partnerFields(companies, {
      name: 'name',
      website: 'domain',
      country: 'country',
      type: 'type',
      modified: 'hs_lastmodifieddate',
      domainComment: 'joins the partner with its Salesforce account',
      fieldWord: 'property',
      accept: () => true,
      regionValues: labelMap,
    }),
    more: crossRef
      ? [
          "    # The Salesforce integration's property: this company is that Salesforce Account.",
          '    crossRefs:',
          '      - { path: salesforceaccountid, system: salesforce, object: Account, optional: true }',
        ]
      : ['    crossRefs: []                                         # no Salesforce integration property'],
  });
}

function dealFields(survey: CrmSurvey, deals: SurveyObject, review: string[]): FieldChoice[] {
  const primary = primaryLabels(survey, 'deals');
  const fields: FieldChoice[] = [
    { field: 'name', source: { path: 'dealname' } },
    {
      field: 'customerId',
      source: { collection: 'companies', labels: primary, path: 'id' },
      comment: 'the primary company: the customer',
    },
    {
      field: 'sector',
      source: { collection: 'companies', labels: primary, path: 'industry', taxonomy: 'sectors' },
      comment: "the customer's industry: the vertical axis",
    },
  ];
  if (fieldNamed(surveyObject(survey, 'companies'), 'country'))
    fields.push({
      field: 'customerCountry',
      source: { collection: 'companies', labels: primary, path: 'country', transform: 'country' },
      comment: "the primary company's country; its region comes from taxonomy.yaml",
    });
  const family = findField(surveyObject(survey, 'line_items'), PRODUCT_FAMILY_FIELD);
  if (family) {
    fields.push({
      field: 'technologies',
      source: { collection: 'line_items', path: family.name, split: ';', taxonomy: 'technologies' },
      comment: `line item property "${family.label}": the horizontal axis`,
    });
  } else {
    review.push(
      'Deals name no technology (no line item property holds a product family): technologies come from certifications only.',
    );
  }
  fields.push(
    ...dealOutcomeFields(deals, {
      amount: 'amount',
      currency: 'deal_currency_code',
      currencyComment: 'each deal says its currency',
      noCurrencyComment: "REVIEW: no deal currency property; put your account's currency here",
      stage: 'dealstage',
      isWon: 'hs_is_closed_won',
      isClosed: 'hs_is_closed',
      closeDate: 'closedate',
    }),
  );
  const dealtype = (fieldNamed(deals, 'dealtype')?.values ?? []).map((v) => v.value);
  if (dealtype.includes('existingbusiness'))
    fields.push({
      field: 'renewal',
      source: {
        path: 'dealtype',
        valueMap: Object.fromEntries(dealtype.map((v) => [v, v === 'existingbusiness'])),
      },
      comment: 'signal: the customer came back',
    });
  fields.push(...satisfactionFields(deals, isNumber, '0–1', review));
  fields.push({ field: 'lastModified', source: { path: 'hs_lastmodifieddate', cast: 'datetime' } });
  return fields;
}

/** Partner companies by USER_DEFINED deal → company label, each role guessed from the label's words. */
function dealLinkage(survey: CrmSurvey, review: string[]): string[] {
  const labels = survey.associationLabels.filter(
    (l) => l.from === 'deals' && l.to === 'companies' && l.userDefined,
  );
  const roles: StarterMap =
    labels.length > 0
      ? Object.fromEntries(labels.map((l) => [l.label, guessRole(l.label)]))
      : { Partner: 'sourced' };
  review.push(
    labels.length > 0
      ? `Check the roles guessed from the deal → company labels ${listInWords(labels.map((l) => `"${l.label}"`))}.`
      : 'The portal defines no deal → company association label: create one named "Partner" (or rename it in hubspot.yaml), or no deal has a partner.',
  );
  const comment =
    labels.length > 0
      ? 'REVIEW: partners are companies associated with the deal under these labels; each role is guessed from the label ("Reseller" / "Partner" → sourced, "Implementation" / "Delivery" → delivered, else influenced).'
      : 'REVIEW: the portal defines no USER_DEFINED deal → company label yet; create "Partner" in HubSpot (Settings → Objects → Deals → Associations) or name yours here.';
  return [
    ...commentLines(4, comment),
    '    partners:',
    '      - kind: association',
    '        object: companies',
    ...entry(8, 'labels', roles),
  ];
}

function dealsBlock(survey: CrmSurvey, review: string[]): string[] {
  const deals = surveyObject(survey, 'deals');
  if (!deals) return commentLines(2, 'Deals left out: the token cannot read deal properties.');
  return entityBlock({
    name: 'deals',
    heading: 'Deals. Required: isWon, isClosed, lastModified, and at least one partner linkage.',
    object: 'deals',
    filter: [],
    filterComment: 'every deal; open ones count as pipeline',
    fields: dealFields(survey, deals, review),
    more: dealLinkage(survey, review),
  });
}

/** The first certification-like custom object associated with companies and holding a level property. */
function certificationsBlock(survey: CrmSurvey, review: string[]): string[] {
  const candidates = survey.objects.filter((o) => o.custom);
  for (const object of candidates) {
    const level = findField(object, LEVEL_FIELD, hasValues) ?? findField(object, LEVEL_FIELD);
    if (!object.related.some((r) => r.object === 'companies') || !level) continue;
    const head: FieldChoice[] = [];
    const name = findField(object, /name/i, (f) => f.type === 'string');
    if (name) head.push({ field: 'name', source: { path: name.name } });
    head.push({
      field: 'partnerId',
      source: { collection: 'companies', path: 'id' },
      comment: 'the associated partner company',
    });
    if (object.related.some((r) => r.object === 'contacts'))
      head.push({
        field: 'personId',
        source: { collection: 'contacts', path: 'id' },
        comment: 'the associated contact holding it',
      });
    return certificationsEntity(
      object,
      level,
      head,
      {
        valuesOnly: false,
        keepModelLevels: true,
        matchedComment: 'foundational | associate | professional | expert',
        modified: 'hs_lastmodifieddate',
      },
      review,
    );
  }
  const named = candidates.map((o) => o.name);
  const why =
    named.length === 0
      ? 'no custom object has "certif" in its name or label'
      : `${listInWords(named)} ${named.length === 1 ? 'is' : 'are'} not associated with companies or ${named.length === 1 ? 'has' : 'have'} no level property`;
  return certificationsLeftOut(
    why,
    '`atlas provision hubspot --apply` creates a certifications object when the mapping reads one (see the default mappings/hubspot.yaml).',
    review,
  );
}

function peopleBlock(survey: CrmSurvey): string[] {
  const contacts = surveyObject(survey, 'contacts');
  if (!contacts) return commentLines(2, 'People left out: the token cannot read contact properties.');
  // Contacts carry `lastmodifieddate` (other objects `hs_lastmodifieddate`), as HubSpot's search docs sort by.
  const modified = fieldNamed(contacts, 'lastmodifieddate') ? 'lastmodifieddate' : 'hs_lastmodifieddate';
  return entityBlock({
    name: 'people',
    heading: 'People: contacts. Required: lastModified.',
    object: 'contacts',
    filter: [],
    fields: [
      { field: 'name', source: { concat: ['firstname', 'lastname'] } },
      { field: 'email', source: { path: 'email', transform: 'lowercase' } },
      {
        field: 'partnerId',
        source: { collection: 'companies', labels: primaryLabels(survey, 'contacts'), path: 'id' },
        comment: "the contact's primary company",
      },
      { field: 'lastModified', source: { path: modified, cast: 'datetime' } },
    ],
  });
}

/** Line item product family options, for the admin to map in taxonomy.yaml. */
function familiesBlock(survey: CrmSurvey, review: string[]): string[] {
  const family = findField(surveyObject(survey, 'line_items'), PRODUCT_FAMILY_FIELD);
  if (!family) return [];
  // The taxonomy matches internal values; their labels help to tell which technology each means.
  const values = family.values.map((v) => (v.value === v.label ? v.value : `${v.value} (${v.label})`));
  return familiesNote(`the line item property ${family.name}`, values, review);
}

/**
 * The starter `hubspot.yaml` for a surveyed portal, ending with `writeback` (or a note that it only reads).
 * @example
 * const { text, review } = hubspotStarter(crm, await connector.surveySchema(HUBSPOT_SURVEY), null);
 */
export function hubspotStarter(crm: StarterCrm, survey: CrmSurvey, writeback: string | null): StarterMapping {
  const companies = surveyObject(survey, 'companies');
  if (!companies) {
    throw new AtlasError(
      'UNKNOWN_OBJECT',
      'HubSpot answered no company properties: give the token the crm.objects.companies.read scope, then run `atlas mappings init` again',
      {
        context: { system: 'hubspot', object: 'companies' },
      },
    );
  }
  const review: string[] = [];
  const parts = {
    note: familiesBlock(survey, review),
    partners: partnersBlock(companies, review),
    deals: dealsBlock(survey, review),
    certifications: certificationsBlock(survey, review),
    people: peopleBlock(survey),
  };
  return starterFile(crm, parts, review, writeback);
}
