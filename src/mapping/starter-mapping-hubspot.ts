/** A starter `hubspot.yaml` from a portal's properties, custom objects and deal → company association labels. */
import type { CrmSurvey, SurveyField, SurveyObject, SurveyOptions } from '../../connectors/types.js';
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
  PRODUCT_FAMILY_FIELD,
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
  entry,
  type FieldChoice,
  type StarterMap,
  type StarterMapping,
} from './starter-mapping-text.js';

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
  const fields: FieldChoice[] = [{ field: 'name', source: { path: 'name' } }];
  if (fieldNamed(companies, 'domain'))
    fields.push({
      field: 'domain',
      source: { path: 'domain', transform: 'domain' },
      comment: 'joins the partner with its Salesforce account',
    });
  if (fieldNamed(companies, 'country'))
    fields.push({ field: 'country', source: { path: 'country', transform: 'country' } });
  const region = findField(companies, REGION_FIELD);
  if (region) {
    fields.push({
      field: 'region',
      source: { path: region.name, optional: true, valueMap: labelMap(region) },
      comment: `property "${region.label}"`,
    });
  }
  if (fieldNamed(companies, 'type')) fields.push({ field: 'partnerType', source: { path: 'type' } });
  const tier = findField(companies, TIER_FIELD);
  if (tier)
    fields.push({
      field: 'legacyTier',
      source: { path: tier.name, transform: 'lowercase', optional: true },
      comment: `property "${tier.label}": only to compare with segments`,
    });
  fields.push({
    field: 'lastModified',
    source: { path: 'hs_lastmodifieddate', cast: 'datetime' },
    comment: 'also the incremental sync cursor',
  });
  const crossRef = fieldNamed(companies, 'salesforceaccountid');
  return entityBlock({
    name: 'partners',
    heading: 'Partners: partner and reseller companies. Required: name, lastModified.',
    object: 'companies',
    filter:
      types.length > 0 ? [{ value: { field: 'type', op: 'in', value: types.map((t) => t.value) } }] : [],
    filterComment,
    fields,
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
  fields.push({ field: 'amount', source: { path: 'amount', cast: 'number' } });
  fields.push(
    fieldNamed(deals, 'deal_currency_code')
      ? {
          field: 'currency',
          source: { path: 'deal_currency_code', default: 'USD' },
          comment: 'each deal says its currency',
        }
      : {
          field: 'currency',
          source: { const: 'USD' },
          comment: "REVIEW: no deal currency property; put your account's currency here",
        },
  );
  fields.push({ field: 'stage', source: { path: 'dealstage' } });
  fields.push({ field: 'isWon', source: { path: 'hs_is_closed_won', cast: 'boolean' } });
  fields.push({ field: 'isClosed', source: { path: 'hs_is_closed', cast: 'boolean' } });
  fields.push({ field: 'closeDate', source: { path: 'closedate', cast: 'date' } });
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
  const csat = findField(deals, SATISFACTION_FIELD, isNumber);
  if (csat) {
    const from = satisfactionScale(csat);
    fields.push({
      field: 'satisfaction',
      source: { path: csat.name, optional: true, cast: 'number', rescale: { from, to: [0, 1] } },
      comment: `REVIEW: "${csat.label}" read as ${from[0]}–${from[1]}, rescaled to 0–1`,
    });
    review.push(
      `Check the scale of ${csat.label} (${csat.name}): the starter assumes ${from[0]}–${from[1]}.`,
    );
  }
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
    const levels = levelValueMap(level.values.map((v) => v.value));
    const fields: FieldChoice[] = [];
    const name = findField(object, /name/i, (f) => f.type === 'string');
    if (name) fields.push({ field: 'name', source: { path: name.name } });
    fields.push({
      field: 'partnerId',
      source: { collection: 'companies', path: 'id' },
      comment: 'the associated partner company',
    });
    if (object.related.some((r) => r.object === 'contacts'))
      fields.push({
        field: 'personId',
        source: { collection: 'contacts', path: 'id' },
        comment: 'the associated contact holding it',
      });
    const technology = findField(object, TECHNOLOGY_FIELD, (f) => f !== level);
    if (technology)
      fields.push({ field: 'technology', source: { path: technology.name, taxonomy: 'technologies' } });
    const industry = findField(object, INDUSTRY_FIELD);
    if (industry)
      fields.push({
        field: 'sector',
        source: { path: industry.name, taxonomy: 'sectors' },
        comment: 'industry certifications only',
      });
    const unmatched = level.values.map((v) => v.value).filter((v) => !(v in levels));
    if (unmatched.length > 0)
      review.push(
        `Map the certification levels ${listInWords(unmatched)} (${object.name}.${level.name}) to foundational, associate, professional or expert.`,
      );
    const identity = Object.entries(levels).every(([raw, model]) => raw === model);
    fields.push({
      field: 'level',
      source:
        Object.keys(levels).length > 0 && !identity
          ? { path: level.name, valueMap: levels }
          : { path: level.name },
      comment:
        unmatched.length > 0
          ? `REVIEW: ${listInWords(unmatched)} match no level`
          : 'foundational | associate | professional | expert',
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
    fields.push({ field: 'lastModified', source: { path: 'hs_lastmodifieddate', cast: 'datetime' } });
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
      ? 'no custom object has "certif" in its name or label'
      : `${listInWords(named)} ${named.length === 1 ? 'is' : 'are'} not associated with companies or ${named.length === 1 ? 'has' : 'have'} no level property`;
  review.push(`Certifications are left out: ${why}.`);
  return commentLines(
    2,
    `Certifications left out: ${why}. \`atlas provision hubspot --apply\` creates a certifications object when the mapping reads one (see the default mappings/hubspot.yaml).`,
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
function familiesNote(survey: CrmSurvey, review: string[]): string[] {
  const family = findField(surveyObject(survey, 'line_items'), PRODUCT_FAMILY_FIELD);
  // The taxonomy matches internal values; their labels help to tell which technology each means.
  const values = (family?.values ?? []).map((v) =>
    v.value === v.label ? v.value : `${v.value} (${v.label})`,
  );
  if (!family || values.length === 0) return [];
  review.push(`Map your product families (${listInWords(values)}) to technologies in taxonomy.yaml.`);
  return [
    ...commentLines(
      0,
      `TAXONOMY: the line item property ${family.name} holds ${listInWords(values)}. List each under the technology it means in taxonomy.yaml (technologies → values), or it is reported as unmapped.`,
    ),
    '',
  ];
}

/**
 * The starter `hubspot.yaml` for a surveyed portal, without its write-back section.
 * @example
 * const { text, review } = hubspotStarter(await connector.surveySchema(HUBSPOT_SURVEY));
 */
export function hubspotStarter(survey: CrmSurvey): StarterMapping {
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
  const lines = [
    ...familiesNote(survey, review),
    'system: hubspot',
    '',
    'entities:',
    ...partnersBlock(companies, review),
    ...dealsBlock(survey, review),
    ...certificationsBlock(survey, review),
    ...peopleBlock(survey),
  ];
  return { text: lines.join('\n'), review };
}
