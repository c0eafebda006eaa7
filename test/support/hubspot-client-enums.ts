// The @hubspot/api-client enums tests pass to typed calls (the package exports them only from deep paths).
export { AssociationSpecAssociationCategoryEnum as V4Category } from '@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec.js';
export { PublicOrFilterBranchFilterBranchTypeEnum as ListBranchType } from '@hubspot/api-client/lib/codegen/crm/lists/models/PublicOrFilterBranch.js';
export { AssociationSpecAssociationCategoryEnum as ObjectAssociationCategory } from '@hubspot/api-client/lib/codegen/crm/objects/models/AssociationSpec.js';
export { FilterOperatorEnum as Op } from '@hubspot/api-client/lib/codegen/crm/objects/models/Filter.js';
export {
  PropertyCreateFieldTypeEnum as FieldType,
  PropertyCreateTypeEnum as PropertyType,
} from '@hubspot/api-client/lib/codegen/crm/properties/models/PropertyCreate.js';
export { ObjectTypePropertyCreateTypeEnum as SchemaPropertyType } from '@hubspot/api-client/lib/codegen/crm/schemas/models/ObjectTypePropertyCreate.js';
