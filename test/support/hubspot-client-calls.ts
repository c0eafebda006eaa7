/** @hubspot/api-client calls that the emulator's tests and the contract tests both make, with the defaults they share. */
import type { Client } from '@hubspot/api-client';
import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/models/PropertyCreate.js';
import { FieldType, ListBranchType, PropertyType } from './hubspot-client-enums.js';

/** Creates a company property: a text field labelled `x` in `companyinformation` unless `property` says otherwise. */
export function createCompanyProperty(client: Client, property: Partial<PropertyCreate> & { name: string }) {
  return client.crm.properties.coreApi.create('companies', {
    label: 'x',
    type: PropertyType.String,
    fieldType: FieldType.Text,
    groupName: 'companyinformation',
    ...property,
  });
}

/** Creates an empty DYNAMIC company list (one whose members HubSpot refuses to take by hand). */
export function createDynamicList(client: Client) {
  return client.crm.lists.listsApi.create({
    name: 'Dynamic partners',
    objectTypeId: '0-2',
    processingType: 'DYNAMIC',
    filterBranch: {
      filterBranchType: ListBranchType.Or,
      filterBranchOperator: 'OR',
      filterBranches: [],
      filters: [],
    },
  });
}
