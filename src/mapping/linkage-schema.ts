/** How a deal names its partners and their roles: lookups, Salesforce junction records, HubSpot association labels. */
import { z } from 'zod';
import type { LinkageKind, PathRules } from '../../connectors/mapping-dialect.js';
import { DealRoleSchema } from '../model/index.js';

/** A field (Salesforce lookup such as `PartnerAccountId`, HubSpot deal property) holding the partner's record id. */
export const LookupLinkageSchema = z.strictObject({
  kind: z.literal('lookup'),
  path: z.string().min(1),
  role: DealRoleSchema,
  /** The CRM may lack the lookup (PartnerAccountId without partner relationship management): warn and go on. */
  optional: z.boolean().optional(),
});

/** Child junction records (Salesforce (`OpportunityPartnersFrom`), each naming a partner account and a role. */
export const JunctionLinkageSchema = z.strictObject({
  kind: z.literal('junction'),
  /** Child relationship name of the junction object. */
  relationship: z.string().min(1),
  /** Field of the junction record holding the partner account id (`AccountToId`). */
  partnerField: z.string().min(1),
  /** Field of the junction record holding the partner's role (`Role`). */
  roleField: z.string().min(1).optional(),
  /** Role values (case-insensitive) → model roles. */
  roles: z.record(z.string(), DealRoleSchema).optional(),
  /** Role of a junction record whose role is empty or not in `roles`. */
  defaultRole: DealRoleSchema.optional(),
  /** The CRM may lack the junction object or its fields: warn and read the deals without it. */
  optional: z.boolean().optional(),
});

/** Associated companies (HubSpot) whose association label names the role ("Partner" → sourced …). */
export const AssociationLinkageSchema = z.strictObject({
  kind: z.literal('association'),
  /** Associated object (`companies`). */
  object: z.string().min(1),
  /** Association labels (case-insensitive) → model roles. */
  labels: z.record(z.string(), DealRoleSchema),
  /** Role of an associated record with none of the labels; without it such records are not partners. */
  defaultRole: DealRoleSchema.optional(),
});

const LINKAGE_SCHEMAS = {
  lookup: LookupLinkageSchema,
  junction: JunctionLinkageSchema,
  association: AssociationLinkageSchema,
} as const;
export type LookupLinkage = z.infer<typeof LookupLinkageSchema>;
export type JunctionLinkage = z.infer<typeof JunctionLinkageSchema>;
export type AssociationLinkage = z.infer<typeof AssociationLinkageSchema>;
export type PartnerLinkage = LookupLinkage | JunctionLinkage | AssociationLinkage;
export type { LinkageKind };

/** What makes two linkages the same source (a duplicate). */
function linkageSource(linkage: PartnerLinkage): string {
  switch (linkage.kind) {
    case 'lookup':
      return `lookup ${linkage.path}`;
    case 'junction':
      return `junction ${linkage.relationship}`;
    case 'association':
      return `association ${linkage.object}`;
  }
}

/** One linkage of the kinds a CRM's mapping dialect allows. */
function linkageSchemaOf(kinds: readonly [LinkageKind, LinkageKind, ...LinkageKind[]]) {
  const [first, second, ...rest] = kinds;
  return z.discriminatedUnion('kind', [
    LINKAGE_SCHEMAS[first],
    LINKAGE_SCHEMAS[second],
    ...rest.map((kind) => LINKAGE_SCHEMAS[kind]),
  ]);
}

/** The list of linkages of a deal mapping, of the allowed kinds, checked for paths and duplicates. */
export function linkageListSchema(
  kinds: readonly [LinkageKind, LinkageKind, ...LinkageKind[]],
  rules: PathRules,
) {
  return z.array(linkageSchemaOf(kinds)).superRefine((linkages: PartnerLinkage[], ctx) => {
    const add = (path: PropertyKey[], message: string, hint?: string) =>
      ctx.addIssue({ code: 'custom', path, message, params: hint ? { hint } : {} });
    const seen = new Map<string, number>();
    linkages.forEach((linkage, i) => {
      const source = linkageSource(linkage);
      const first = seen.get(source);
      if (first !== undefined) add([i], `duplicate partner linkage: ${source} is already linkage [${first}]`);
      else seen.set(source, i);
      const check = (key: string, problem: { message: string; hint?: string } | undefined) => {
        if (problem) add([i, key], problem.message, problem.hint);
      };
      if (linkage.kind === 'lookup') check('path', rules.checkPath(linkage.path, 'record'));
      if (linkage.kind === 'junction') {
        check('relationship', rules.checkCollection(linkage.relationship));
        check('partnerField', rules.checkPath(linkage.partnerField, 'item'));
        if (linkage.roleField !== undefined) check('roleField', rules.checkPath(linkage.roleField, 'item'));
        if (linkage.roles === undefined && linkage.defaultRole === undefined) {
          add([i], 'a junction linkage needs roles (with roleField) or a defaultRole');
        }
        if (linkage.roles !== undefined && linkage.roleField === undefined) {
          add(
            [i, 'roles'],
            'roles map the values of roleField; say which field holds the role',
            'e.g. roleField: Role',
          );
        }
      }
      if (linkage.kind === 'association') check('object', rules.checkCollection(linkage.object));
    });
  });
}
