/** Compiles a deal's partner linkages into one reader: raw deal values → [{ partnerId, role }]. */
import type { CrmSystem, DealPartner, DealRole, PartnerId } from '../model/index.js';
import { refKey } from '../model/index.js';
import { castString } from './casts.js';
import type { PartnerLinkage } from './linkage-schema.js';
import { isPartnerId } from './model-ids.js';
import { recordIdPattern } from './record-ids.js';
import type { RecordScope } from './record-issues.js';
import { compilePath, readCollection, someLabel } from './resolve-path.js';
import { TextLookup } from './text-lookup.js';

type LinkReader = (values: Record<string, unknown>, scope: RecordScope, out: DealPartner[]) => void;

function roleTable(roles: Record<string, DealRole> | undefined): TextLookup<DealRole> {
  return new TextLookup(Object.entries(roles ?? {}));
}

type PartnerIdReader = (raw: unknown, field: string, scope: RecordScope) => PartnerId | undefined;

/** The reader of one linkage, appending `{ partnerId, role }` entries. */
function linkReader(linkage: PartnerLinkage, field: string, partnerId: PartnerIdReader): LinkReader {
  switch (linkage.kind) {
    case 'lookup': {
      const read = compilePath(linkage.path);
      return (values, scope, out) => {
        const id = partnerId(read(values), field, scope);
        if (id !== undefined) out.push({ partnerId: id, role: linkage.role });
      };
    }
    case 'junction': {
      const readPartner = compilePath(linkage.partnerField);
      const readRole = linkage.roleField === undefined ? undefined : compilePath(linkage.roleField);
      const roles = roleTable(linkage.roles);
      return (values, scope, out) => {
        for (const item of readCollection(values, linkage.relationship)) {
          const id = partnerId(readPartner(item), field, scope);
          if (id === undefined) continue;
          const rawRole = readRole?.(item);
          const role = (typeof rawRole === 'string' ? roles.get(rawRole) : undefined) ?? linkage.defaultRole;
          if (role === undefined) {
            scope.add(
              field,
              rawRole,
              'partner role not in roles and no defaultRole; partner link ignored',
              'warning',
            );
            continue;
          }
          out.push({ partnerId: id, role });
        }
      };
    }
    case 'association': {
      const roles = roleTable(linkage.labels);
      const readId = compilePath('id');
      return (values, scope, out) => {
        for (const item of readCollection(values, linkage.object)) {
          const matched: DealRole[] = [];
          someLabel(item, (label) => {
            const role = roles.get(label);
            if (role !== undefined && !matched.includes(role)) matched.push(role);
            return false;
          });
          if (matched.length === 0 && linkage.defaultRole !== undefined) matched.push(linkage.defaultRole);
          if (matched.length === 0) continue;
          const id = partnerId(readId(item), field, scope);
          if (id === undefined) continue;
          for (const role of matched) out.push({ partnerId: id, role });
        }
      };
    }
  }
}

/**
 * One reader for all linkages of a deal mapping. Partner ids are refKeys of the partner's record
 * (`salesforce:Account:001…`); a partner named twice with the same role is listed once.
 */
export function compileLinkages(
  linkages: readonly PartnerLinkage[],
  system: CrmSystem,
  accountObject: string,
): (values: Record<string, unknown>, scope: RecordScope) => DealPartner[] {
  const idPattern = recordIdPattern(system);
  const partnerId = (raw: unknown, field: string, scope: RecordScope) => {
    const id = castString(raw)?.trim();
    if (id === undefined || id === null || id === '') return undefined;
    if (!idPattern.test(id)) {
      scope.add(field, raw, `not a ${system} record id; partner link ignored`, 'warning');
      return undefined;
    }
    const key = refKey({ system, object: accountObject, id });
    return isPartnerId(key) ? key : undefined;
  };

  const readers = linkages.map((linkage, i) => linkReader(linkage, `deals.partners[${i}]`, partnerId));

  return (values, scope) => {
    const out: DealPartner[] = [];
    for (const read of readers) read(values, scope, out);
    // Remove repeats in place: the same partner with the same role through two linkages counts once.
    let kept = 0;
    for (let i = 0; i < out.length; i++) {
      const p = out[i];
      if (p === undefined) continue;
      let seen = false;
      for (let j = 0; j < kept; j++) {
        const q = out[j];
        if (q !== undefined && q.partnerId === p.partnerId && q.role === p.role) {
          seen = true;
          break;
        }
      }
      if (!seen) out[kept++] = p;
    }
    out.length = kept;
    return out;
  };
}
