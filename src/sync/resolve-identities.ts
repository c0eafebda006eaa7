/** Joins the records of one company held in several CRMs into one Partner: by explicit cross reference, then by web domain; never by name. */
import { crmPlugin } from '../../connectors/registry.js';
import type { Certification } from '../model/certification.js';
import type { Deal, DealPartner } from '../model/deal.js';
import type { Partner, PartnerId } from '../model/partner.js';
import type { Person } from '../model/person.js';
import type { RecordIssue } from '../model/record-issue.js';
import { type CrmSystem, refKey } from '../model/source-ref.js';

export interface IdentityConflict {
  kind: 'dangling-cross-ref' | 'duplicate-claim' | 'cross-ref-domain-mismatch' | 'shared-domain';
  partnerIds: PartnerId[];
  detail: string;
}

/** Records of one CRM that share a web domain, merged into one partner (and written back alike). */
export interface DuplicateMerge {
  domain: string;
  /** Every record merged, sorted. */
  partnerIds: PartnerId[];
  /** In words: whose records, in which CRM. */
  detail: string;
}

export interface ModelSet {
  partners: Partner[];
  deals: Deal[];
  certifications: Certification[];
  people: Person[];
}

export interface ResolvedModel extends ModelSet {
  conflicts: IdentityConflict[];
  /** Duplicates inside one CRM merged by their shared domain. */
  duplicates: DuplicateMerge[];
  /** Every partner id that was merged away, to the id it now lives under. */
  merged: Map<PartnerId, PartnerId>;
  /**
   * Links only the whole model can judge: deals naming a partner record that was not synced, and
   * certifications naming a person that was not. Warnings: the records are kept as they are.
   */
  issues: RecordIssue[];
}

/** Union-find over partner ids; the representative is chosen later, once groups are complete. */
class PartnerGroups {
  private readonly parent = new Map<PartnerId, PartnerId>();

  find(id: PartnerId): PartnerId {
    let root = id;
    for (
      let next = this.parent.get(root);
      next !== undefined && next !== root;
      next = this.parent.get(root)
    ) {
      root = next;
    }
    this.parent.set(id, root);
    return root;
  }

  union(a: PartnerId, b: PartnerId): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

const systemOf = (p: Partner) => p.sourceRefs[0]?.system;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Salesforce first, then the smallest id: the canonical id must not change from run to run. */
function canonicalOrder(a: Partner, b: Partner): number {
  const sa = systemOf(a) === 'salesforce' ? 0 : 1;
  const sb = systemOf(b) === 'salesforce' ? 0 : 1;
  return sa - sb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function mergeGroup(members: Partner[]): Partner {
  const [primary, ...others] = [...members].sort(canonicalOrder);
  if (!primary) throw new Error('mergeGroup needs at least one partner');
  const pick = <K extends 'domain' | 'country' | 'region' | 'partnerType' | 'legacyTier'>(key: K) =>
    primary[key] ?? others.find((o) => o[key] !== null)?.[key] ?? null;
  const ownRefs = new Map(members.flatMap((m) => m.sourceRefs).map((r) => [refKey(r), r]));
  const crossRefs = new Map(
    members
      .flatMap((m) => m.crossRefs)
      .filter((r) => !ownRefs.has(refKey(r)))
      .map((r) => [refKey(r), r]),
  );
  const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : 1);
  return {
    ...primary,
    domain: pick('domain'),
    country: pick('country'),
    region: pick('region'),
    partnerType: pick('partnerType'),
    legacyTier: pick('legacyTier'),
    sourceRefs: [...ownRefs].sort(byKey).map(([, r]) => r),
    crossRefs: [...crossRefs].sort(byKey).map(([, r]) => r),
    // ISO UTC strings sort chronologically.
    lastModified:
      members
        .map((m) => m.lastModified)
        .sort()
        .at(-1) ?? primary.lastModified,
  };
}

function linkByCrossRefs(partners: Partner[], groups: PartnerGroups, conflicts: IdentityConflict[]): void {
  const byRef = new Map(partners.flatMap((p) => p.sourceRefs.map((r) => [refKey(r), p] as const)));
  const claimedBy = new Map<PartnerId, PartnerId>();
  for (const partner of partners) {
    for (const ref of partner.crossRefs) {
      const target = byRef.get(refKey(ref));
      if (!target) {
        conflicts.push({
          kind: 'dangling-cross-ref',
          partnerIds: [partner.id],
          detail: `${partner.id} names ${refKey(ref)}, which is not a synced partner; matching by domain instead`,
        });
        continue;
      }
      const earlier = claimedBy.get(target.id);
      if (earlier && earlier !== partner.id) {
        conflicts.push({
          kind: 'duplicate-claim',
          partnerIds: [earlier, partner.id, target.id],
          detail: `${earlier} and ${partner.id} both name ${target.id}; all three are merged (duplicate records in one CRM)`,
        });
      }
      claimedBy.set(target.id, partner.id);
      if (partner.domain && target.domain && partner.domain !== target.domain) {
        conflicts.push({
          kind: 'cross-ref-domain-mismatch',
          partnerIds: [partner.id, target.id],
          detail: `${partner.id} (${partner.domain}) names ${target.id} (${target.domain}); the explicit reference wins`,
        });
      }
      groups.union(target.id, partner.id);
    }
  }
}

/**
 * Records sharing one domain beyond this many are not one company entered twice but several on a shared
 * domain (subsidiaries of a group, a hosting or free-mail domain): none is merged, and the conflict is listed.
 * One company in both CRMs, entered twice in each, is four.
 */
const MAX_SAME_DOMAIN_RECORDS = 4;

/** Domains many unrelated companies share: never a reason to merge. */
const SHARED_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'web.de',
  'example.com',
  'linkedin.com',
  'facebook.com',
  'wixsite.com',
  'sites.google.com',
]);

/**
 * One company, one partner: records sharing a normalised web domain are merged, across CRMs and inside one
 * (the same company entered twice); records already joined by a cross reference join the group too. Merges
 * of duplicates inside a CRM are listed, so the admin sees them and can clean the CRM up. A shared domain
 * (free-mail, or more records than one company would hold) merges nothing and is listed as a conflict.
 */
function linkByDomain(
  partners: Partner[],
  groups: PartnerGroups,
  duplicates: DuplicateMerge[],
  conflicts: IdentityConflict[],
): void {
  const byDomain = new Map<string, Partner[]>();
  for (const p of partners) {
    if (p.domain) pushTo(byDomain, p.domain.toLowerCase(), p);
  }
  for (const [domain, candidates] of byDomain) {
    const [first, ...rest] = candidates;
    if (!first || rest.length === 0) continue;
    if (SHARED_DOMAINS.has(domain) || candidates.length > MAX_SAME_DOMAIN_RECORDS) {
      conflicts.push({
        kind: 'shared-domain',
        partnerIds: candidates.map((p) => p.id).sort(),
        detail: `${candidates.length} partners share ${domain}, a domain several companies use; none merged (set salesforceaccountid in HubSpot to link the right pairs)`,
      });
      continue;
    }
    for (const other of rest) groups.union(first.id, other.id);
    const bySystem = new Map<CrmSystem, Partner[]>();
    for (const p of candidates) {
      const system = systemOf(p);
      if (system) pushTo(bySystem, system, p);
    }
    for (const [system, same] of bySystem) {
      if (same.length < 2) continue;
      const names = [...new Set(same.map((p) => p.name))];
      duplicates.push({
        domain,
        partnerIds: same.map((p) => p.id).sort(),
        detail: `${same.length} ${crmPlugin(system).label} records share ${domain} (${names.join(', ')}): merged into one partner`,
      });
    }
  }
}

/** A warning on `record` about the link in `field` to `target`, a record the model does not hold. */
function danglingLink(
  record: Deal | Certification,
  field: string,
  target: string,
  reason: string,
): RecordIssue {
  const { system, object, id } = record.source;
  return { system, object, recordId: id, field, value: target, reason, severity: 'warning' };
}

/**
 * Deals naming a partner record that is not a synced partner (filtered out, deleted, or never a partner),
 * and certifications naming a person the people of their CRM do not include. A CRM whose people are not
 * synced at all is not checked: its certifications cannot name a synced person.
 */
function danglingLinks(input: ModelSet): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const partnerIds = new Set<string>(input.partners.map((p) => p.id));
  for (const deal of input.deals) {
    for (const { partnerId } of deal.partners) {
      if (partnerIds.has(partnerId)) continue;
      issues.push(
        danglingLink(
          deal,
          'deals.partners',
          partnerId,
          'names a partner record that is not a synced partner; the deal counts for no partner through it',
        ),
      );
    }
  }
  const personIds = new Set<string>(input.people.map((p) => p.id));
  const withPeople = new Set(input.people.map((p) => p.source.system));
  for (const cert of input.certifications) {
    if (cert.personId === null || personIds.has(cert.personId) || !withPeople.has(cert.source.system))
      continue;
    issues.push(
      danglingLink(
        cert,
        'certifications.personId',
        cert.personId,
        'names a person who is not among the synced people; it still counts, for that unknown person',
      ),
    );
  }
  return issues;
}

function remapDealPartners(partners: DealPartner[], to: (id: PartnerId) => PartnerId): DealPartner[] {
  const seen = new Set<string>();
  const out: DealPartner[] = [];
  for (const dp of partners) {
    const partnerId = to(dp.partnerId);
    const key = `${partnerId}\u0000${dp.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ partnerId, role: dp.role });
  }
  return out;
}

/**
 * Merges partners that are the same company in several CRMs and points deals, certifications and
 * people at the merged partner, and reports links to records the model lacks. Deterministic: the same input
 * gives the same ids and order.
 *
 * @example
 * const { partners, conflicts } = resolveIdentities({ partners: [sfAccount, hsCompany], deals, certifications, people });
 */
export function resolveIdentities(input: ModelSet): ResolvedModel {
  const conflicts: IdentityConflict[] = [];
  const groups = new PartnerGroups();
  const duplicates: DuplicateMerge[] = [];
  linkByCrossRefs(input.partners, groups, conflicts);
  linkByDomain(input.partners, groups, duplicates, conflicts);

  const members = new Map<PartnerId, Partner[]>();
  for (const p of input.partners) {
    pushTo(members, groups.find(p.id), p);
  }
  const merged = new Map<PartnerId, PartnerId>();
  const partners: Partner[] = [];
  for (const group of members.values()) {
    const partner = mergeGroup(group);
    partners.push(partner);
    for (const m of group) if (m.id !== partner.id) merged.set(m.id, partner.id);
  }
  partners.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const to = (id: PartnerId) => merged.get(id) ?? id;
  return {
    partners,
    deals: input.deals.map((d) => ({ ...d, partners: remapDealPartners(d.partners, to) })),
    certifications: input.certifications.map((c) => ({ ...c, partnerId: to(c.partnerId) })),
    people: input.people.map((p) => ({ ...p, partnerId: p.partnerId === null ? null : to(p.partnerId) })),
    conflicts,
    duplicates,
    merged,
    issues: danglingLinks(input),
  };
}
