/** Compiles the certifications mapping into `toCertification(raw)`. */
import { type Certification, CertificationLevelSchema, refKey, type SourceRef } from '../model/index.js';
import type { FieldCompileContext } from './compile-field.js';
import type { CertificationsMapping } from './connector-mapping.js';
import { toCertificationId, toPartnerId } from './model-ids.js';
import type { MapResult } from './raw-record.js';
import { compileFields, mapRecord, text } from './record-values.js';

const PERSON_FIELD = 'certifications.personId';

/** `toCertification(raw)`: partnerId from the account / company link, personId from the contact. */
export function compileToCertification(
  mapping: CertificationsMapping,
  ctx: FieldCompileContext,
): (raw: unknown) => MapResult<Certification> {
  const field = compileFields('certifications', mapping.fields, ctx);
  const name = field('name');
  const partnerId = field('partnerId');
  const personId = field('personId');
  const technology = field('technology');
  const sector = field('sector');
  const level = field('level');
  const earnedDate = field('earnedDate');
  const expiryDate = field('expiryDate');
  const lastModified = field('lastModified');
  // A mapping that reads no person says certifications have none; one that does should find one.
  const personMapped = mapping.fields.personId !== undefined;
  const { system } = ctx;
  const object = mapping.object;
  return (raw) =>
    mapRecord(raw, system, object, 'certifications', (id, values, scope) => {
      const source: SourceRef = { system, object, id };
      const partner = text(partnerId(values, scope));
      const certLevel = CertificationLevelSchema.safeParse(level(values, scope));
      const modified = text(lastModified(values, scope));
      const rest = {
        name: text(name(values, scope)),
        personId: text(personId(values, scope)),
        technology: text(technology(values, scope)),
        sector: text(sector(values, scope)),
        earnedDate: text(earnedDate(values, scope)),
        expiryDate: text(expiryDate(values, scope)),
      };
      if (personMapped && rest.personId === null && !scope.issues.some((i) => i.field === PERSON_FIELD)) {
        scope.add(PERSON_FIELD, null, 'no certified person; it counts as a person of its own', 'warning');
      }
      // Required fields: when empty the reader has reported an error and the record is skipped.
      if (partner === null || !certLevel.success || modified === null) return null;
      return {
        id: toCertificationId(refKey(source)),
        source,
        ...rest,
        partnerId: toPartnerId(partner),
        level: certLevel.data,
        lastModified: modified,
      };
    });
}
