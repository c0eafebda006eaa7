/** Links from evidence to the CRM record it came from, built from the source ref (never from user input). */
import type { SourceRef } from '../model/index.js';
import type { CrmLinkSettings } from './deps.js';

/**
 * HubSpot's objectTypeIds of the standard objects; record pages are `/contacts/<portalId>/record/<objectTypeId>/<id>`.
 * https://developers.hubspot.com/docs/guides/api/crm/understanding-the-crm#object-type-ids
 */
export const HUBSPOT_OBJECT_TYPE_IDS: Readonly<Record<string, string>> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  tickets: '0-5',
};

/** An objectTypeId given as the object name itself, e.g. `2-1234567` or `0-3`. */
const OBJECT_TYPE_ID = /^\d+-\d+$/;
/** Salesforce API names and ids as they may appear in a Lightning URL; anything else gets no link. */
const SF_OBJECT = /^[A-Za-z][A-Za-z0-9_]*$/;
const SF_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/**
 * The CRM page of a record, or null when the settings lack what the URL needs.
 * Salesforce Lightning: `<instance>/lightning/r/<Object>/<id>/view`.
 */
export function crmRecordUrl(ref: SourceRef, settings: CrmLinkSettings | undefined): string | null {
  if (ref.system === 'salesforce') {
    const instance = settings?.salesforceInstanceUrl?.replace(/\/+$/, '');
    if (!instance || !SF_OBJECT.test(ref.object) || !SF_ID.test(ref.id)) return null;
    return `${instance}/lightning/r/${ref.object}/${ref.id}/view`;
  }
  const portal = settings?.hubspotPortalId;
  if (!portal || !/^\d+$/.test(portal) || !/^\d+$/.test(ref.id)) return null;
  const typeId =
    settings?.hubspotObjectTypeIds?.[ref.object] ??
    HUBSPOT_OBJECT_TYPE_IDS[ref.object] ??
    (OBJECT_TYPE_ID.test(ref.object) ? ref.object : undefined);
  if (!typeId || !OBJECT_TYPE_ID.test(typeId)) return null;
  return `https://app.hubspot.com/contacts/${portal}/record/${typeId}/${ref.id}`;
}
