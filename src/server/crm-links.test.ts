/** Evidence links: CRM record page URLs built from source refs, and no link where the settings or ids do not allow one. */
import { describe, expect, it } from 'vitest';
import { crmRecordUrl } from './crm-links.js';

describe('crmRecordUrl', () => {
  const settings = {
    salesforceInstanceUrl: 'https://acme.my.salesforce.com/',
    hubspotPortalId: '123456',
    hubspotObjectTypeIds: { certifications: '2-7654321' },
  };

  it('builds Salesforce Lightning record URLs', () => {
    expect(
      crmRecordUrl({ system: 'salesforce', object: 'Opportunity', id: '006Dn000000OPPT001' }, settings),
    ).toBe('https://acme.my.salesforce.com/lightning/r/Opportunity/006Dn000000OPPT001/view');
    expect(
      crmRecordUrl(
        { system: 'salesforce', object: 'Partner_Certification__c', id: 'a01Dn0000000CERT01' },
        settings,
      ),
    ).toBe('https://acme.my.salesforce.com/lightning/r/Partner_Certification__c/a01Dn0000000CERT01/view');
  });

  it('builds HubSpot record URLs from the standard objectTypeIds, configured custom ones, or an objectTypeId object', () => {
    expect(crmRecordUrl({ system: 'hubspot', object: 'deals', id: '901' }, settings)).toBe(
      'https://app.hubspot.com/contacts/123456/record/0-3/901',
    );
    expect(crmRecordUrl({ system: 'hubspot', object: 'companies', id: '601' }, settings)).toBe(
      'https://app.hubspot.com/contacts/123456/record/0-2/601',
    );
    expect(crmRecordUrl({ system: 'hubspot', object: 'certifications', id: '77' }, settings)).toBe(
      'https://app.hubspot.com/contacts/123456/record/2-7654321/77',
    );
    expect(crmRecordUrl({ system: 'hubspot', object: '2-999', id: '5' }, settings)).toBe(
      'https://app.hubspot.com/contacts/123456/record/2-999/5',
    );
  });

  it('gives no link without the settings, for an unknown custom object, or for ids that do not look like ids', () => {
    expect(
      crmRecordUrl({ system: 'salesforce', object: 'Account', id: '001Dn000000PART001' }, undefined),
    ).toBeNull();
    expect(
      crmRecordUrl({ system: 'hubspot', object: 'deals', id: '901' }, { salesforceInstanceUrl: 'https://x' }),
    ).toBeNull();
    expect(crmRecordUrl({ system: 'hubspot', object: 'p_unknown', id: '1' }, settings)).toBeNull();
    expect(crmRecordUrl({ system: 'salesforce', object: 'Account', id: '../../x' }, settings)).toBeNull();
    expect(crmRecordUrl({ system: 'hubspot', object: 'deals', id: '1/../../x' }, settings)).toBeNull();
  });
});
