/** Saves one mapped page of any entity with the store method for its model type. */
import type { EntityName, ModelByEntity } from '../mapping/index.js';
import type { Store } from '../store/index.js';

export async function storeEntityRecords<E extends EntityName>(
  store: Store,
  entity: E,
  records: readonly ModelByEntity[E][],
): Promise<void> {
  if (records.length === 0) return;
  // The casts are safe: `entity` selects the model type of `records`.
  switch (entity) {
    case 'partners':
      return store.upsertPartners(records as readonly ModelByEntity['partners'][]);
    case 'deals':
      return store.upsertDeals(records as readonly ModelByEntity['deals'][]);
    case 'certifications':
      return store.upsertCertifications(records as readonly ModelByEntity['certifications'][]);
    default:
      return store.upsertPeople(records as readonly ModelByEntity['people'][]);
  }
}
