/** Compiles the partners mapping into `toPartner(raw)`. */
import { type Partner, refKey, type SourceRef } from '../model/index.js';
import { castString } from './casts.js';
import type { FieldCompileContext } from './compile-field.js';
import type { PartnersMapping } from './connector-mapping.js';
import { toPartnerId } from './model-ids.js';
import type { MapResult } from './raw-record.js';
import { recordIdPattern } from './record-ids.js';
import { compileFields, mapRecord, text } from './record-values.js';
import { compilePath } from './resolve-path.js';

/** `toPartner(raw)` for a partners mapping; the partner's id is the refKey of its record. */
export function compileToPartner(
  mapping: PartnersMapping,
  ctx: FieldCompileContext,
): (raw: unknown) => MapResult<Partner> {
  const field = compileFields('partners', mapping.fields, ctx);
  const [name, domain, country, region, partnerType, legacyTier, lastModified] = [
    field('name'),
    field('domain'),
    field('country'),
    field('region'),
    field('partnerType'),
    field('legacyTier'),
    field('lastModified'),
  ];
  const crossRefs = mapping.crossRefs.map((ref, i) => ({
    ...ref,
    read: compilePath(ref.path),
    field: `partners.crossRefs[${i}]`,
  }));
  const { system } = ctx;
  const object = mapping.object;
  return (raw) =>
    mapRecord(raw, system, object, 'partners', (id, values, scope) => {
      const refs: SourceRef[] = [];
      for (const ref of crossRefs) {
        const other = castString(ref.read(values))?.trim();
        if (!other) continue;
        if (recordIdPattern(ref.system).test(other))
          refs.push({ system: ref.system, object: ref.object, id: other });
        else scope.add(ref.field, other, `not a ${ref.system} record id; cross reference ignored`, 'warning');
      }
      const source: SourceRef = { system, object, id };
      const partnerName = text(name(values, scope));
      const modified = text(lastModified(values, scope));
      const partner: Partner = {
        id: toPartnerId(refKey(source)),
        name: partnerName ?? '',
        domain: text(domain(values, scope)),
        country: text(country(values, scope)),
        region: text(region(values, scope)),
        partnerType: text(partnerType(values, scope)),
        legacyTier: text(legacyTier(values, scope)),
        sourceRefs: [source],
        crossRefs: refs,
        lastModified: modified ?? '',
      };
      // Both are required: when empty the reader has reported an error and the record is skipped.
      return partnerName === null || modified === null ? null : partner;
    });
}
