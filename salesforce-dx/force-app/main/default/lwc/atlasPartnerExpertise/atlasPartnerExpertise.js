// "Partner expertise" on the Account page: the partner's Atlas Expertise records as a sector × technology grid.

import { count, errorText } from 'c/atlasWords';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { api, LightningElement, wire } from 'lwc';
import { RANKED_LIMIT, toExpertiseView } from './expertiseView';

const OBJECT = 'Atlas_Expertise__c';
const FIELDS = [
  'Name',
  'Sector__c',
  'Technology__c',
  'Level__c',
  'Score__c',
  'Confidence__c',
  'Next_Level__c',
  'Scored_At__c',
].map((f) => `${OBJECT}.${f}`);

/**
 * One Account has at most one record per sector × technology cell; the mapping's taxonomy keeps that well
 * under the UI API page maximum of 249, so one page holds them all.
 * https://developer.salesforce.com/docs/platform/lwc/guide/reference-get-related-list-records.html
 */
const PAGE_SIZE = 200;

export default class AtlasPartnerExpertise extends LightningElement {
  @api recordId;

  view;
  error;

  @wire(getRelatedListRecords, {
    parentRecordId: '$recordId',
    relatedListId: 'Atlas_Expertise__r',
    fields: FIELDS,
    pageSize: PAGE_SIZE,
  })
  wiredExpertise({ data, error }) {
    this.view = data ? toExpertiseView(data.records) : undefined;
    this.error = error;
  }

  get hasCells() {
    return Boolean(this.view?.cellCount);
  }

  get isEmpty() {
    return Boolean(this.view) && !this.hasCells;
  }

  get summary() {
    return count(this.view.cellCount, 'scored sector and technology', 'scored sectors and technologies');
  }

  get rankedHeading() {
    return this.view.cellCount > RANKED_LIMIT ? `Top ${RANKED_LIMIT}` : 'Ranked';
  }

  get errorMessage() {
    return `Partner expertise could not be loaded. ${errorText(this.error)} If you cannot see Atlas Expertise, ask your Salesforce admin for the Partner Atlas Viewer permission set.`;
  }
}
