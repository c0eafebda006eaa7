// "Recommended partners" on the Opportunity page: the partners Atlas picked last night, best first, with links.

// Schema imports make a deploy fail if a field is missing, and stop the fields being deleted while in use.
import PARTNER_1 from '@salesforce/schema/Opportunity.Atlas_Partner_1__c';
import PARTNER_1_NAME from '@salesforce/schema/Opportunity.Atlas_Partner_1__r.Name';
import PARTNER_1_REASON from '@salesforce/schema/Opportunity.Atlas_Partner_1_Reason__c';
import PARTNER_2 from '@salesforce/schema/Opportunity.Atlas_Partner_2__c';
import PARTNER_2_NAME from '@salesforce/schema/Opportunity.Atlas_Partner_2__r.Name';
import PARTNER_2_REASON from '@salesforce/schema/Opportunity.Atlas_Partner_2_Reason__c';
import PARTNER_3 from '@salesforce/schema/Opportunity.Atlas_Partner_3__c';
import PARTNER_3_NAME from '@salesforce/schema/Opportunity.Atlas_Partner_3__r.Name';
import PARTNER_3_REASON from '@salesforce/schema/Opportunity.Atlas_Partner_3_Reason__c';
import RECOMMENDED_AT from '@salesforce/schema/Opportunity.Atlas_Recommended_At__c';
import { count, errorText } from 'c/atlasWords';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { api, LightningElement, wire } from 'lwc';

const SLOTS = [
  { lookup: PARTNER_1, reason: PARTNER_1_REASON },
  { lookup: PARTNER_2, reason: PARTNER_2_REASON },
  { lookup: PARTNER_3, reason: PARTNER_3_REASON },
];
const FIELDS = [
  PARTNER_1,
  PARTNER_1_NAME,
  PARTNER_1_REASON,
  PARTNER_2,
  PARTNER_2_NAME,
  PARTNER_2_REASON,
  PARTNER_3,
  PARTNER_3_NAME,
  PARTNER_3_REASON,
  RECOMMENDED_AT,
];

/** Atlas_Partner_1__c → Atlas_Partner_1__r: the relationship that carries the Account's Name. */
function relationshipOf(field) {
  return field.fieldApiName.replace(/__c$/, '__r');
}

/**
 * The filled slots of the record, best first; an empty slot (fewer good partners than slots) is skipped.
 * @param {object} record a UI API record
 * @param {string | null} currentPartnerId the Account already in the opportunity's partner lookup
 */
function toRecommendations(record, currentPartnerId) {
  return SLOTS.flatMap((slot, i) => {
    const accountId = record.fields[slot.lookup.fieldApiName]?.value;
    if (!accountId) return [];
    const account = record.fields[relationshipOf(slot.lookup)]?.value;
    return [
      {
        accountId,
        rank: i + 1,
        name: account?.fields?.Name?.value ?? 'Partner account',
        reason: record.fields[slot.reason.fieldApiName]?.value ?? '',
        url: `/lightning/r/Account/${accountId}/view`,
        isCurrent: accountId === currentPartnerId,
      },
    ];
  });
}

export default class AtlasRecommendedPartners extends NavigationMixin(LightningElement) {
  @api recordId;

  /**
   * The Opportunity lookup to Account that "Add as partner" fills: the one the Atlas mapping reads as the
   * delivering partner (Delivery_Partner__c in the default mapping). Set in Lightning App Builder; empty
   * hides the action.
   */
  @api partnerLookupField = 'Delivery_Partner__c';

  partners;
  recommendedAt;
  error;
  savingId;
  canAdd = false;

  // Optional, so a missing or hidden lookup field leaves the list readable and only the action off.
  get optionalFields() {
    return this.partnerLookupField ? [`Opportunity.${this.partnerLookupField}`] : [];
  }

  @wire(getRecord, { recordId: '$recordId', fields: FIELDS, optionalFields: '$optionalFields' })
  wiredOpportunity({ data, error }) {
    const current = data?.fields[this.partnerLookupField]?.value ?? null;
    this.canAdd = Boolean(this.partnerLookupField && data && this.partnerLookupField in data.fields);
    this.partners = data ? toRecommendations(data, current) : undefined;
    this.recommendedAt = data?.fields[RECOMMENDED_AT.fieldApiName]?.value ?? null;
    this.error = error;
  }

  get rows() {
    return this.partners.map((p) => ({
      ...p,
      showAdd: this.canAdd && !p.isCurrent,
      adding: this.savingId === p.accountId,
      addLabel: `Add ${p.name} as partner`,
    }));
  }

  get hasPartners() {
    return Boolean(this.partners?.length);
  }

  get isEmpty() {
    return Boolean(this.partners) && !this.hasPartners;
  }

  get summary() {
    return count(this.partners.length, 'recommended partner');
  }

  get errorMessage() {
    return `Recommended partners could not be loaded. ${errorText(this.error)} If you cannot see the Atlas fields, ask your Salesforce admin for the Partner Atlas Viewer permission set.`;
  }

  async handleAdd(event) {
    const { id, name } = event.currentTarget.dataset;
    this.savingId = id;
    try {
      // LDS refreshes this record everywhere on the page after the update, so the row shows the new partner.
      await updateRecord({ fields: { Id: this.recordId, [this.partnerLookupField]: id } });
      this.toast('success', `${name} is now the partner on this opportunity.`);
    } catch (error) {
      this.toast('error', `${name} could not be added as partner. ${errorText(error)}`);
    } finally {
      this.savingId = undefined;
    }
  }

  toast(variant, message) {
    this.dispatchEvent(new ShowToastEvent({ title: 'Recommended partners', message, variant }));
  }

  handleOpen(event) {
    // Let the browser open a new tab on ctrl/cmd-click; a plain click stays inside the Lightning console/app.
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: event.currentTarget.dataset.id, objectApiName: 'Account', actionName: 'view' },
    });
  }
}
