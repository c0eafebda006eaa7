/** Compiles the people mapping into `toPerson(raw)`. */
import { type Person, refKey, type SourceRef } from '../model/index.js';
import type { FieldCompileContext } from './compile-field.js';
import type { PeopleMapping } from './connector-mapping.js';
import { toPartnerId } from './model-ids.js';
import type { MapResult } from './raw-record.js';
import { compileFields, mapRecord, text } from './record-values.js';

/** `toPerson(raw)`: the person's id is the refKey of the contact record. */
export function compileToPerson(
  mapping: PeopleMapping,
  ctx: FieldCompileContext,
): (raw: unknown) => MapResult<Person> {
  const field = compileFields('people', mapping.fields, ctx);
  const name = field('name');
  const email = field('email');
  const partnerId = field('partnerId');
  const lastModified = field('lastModified');
  const { system } = ctx;
  const object = mapping.object;
  return (raw) =>
    mapRecord(raw, system, object, 'people', (id, values, scope) => {
      const source: SourceRef = { system, object, id };
      const partner = text(partnerId(values, scope));
      const person = {
        id: refKey(source),
        source,
        name: text(name(values, scope)),
        email: text(email(values, scope)),
        partnerId: partner === null ? null : toPartnerId(partner),
      };
      const modified = text(lastModified(values, scope));
      // Required: when empty the reader has reported an error and the record is skipped.
      return modified === null ? null : { ...person, lastModified: modified };
    });
}
