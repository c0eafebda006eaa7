/** Provisioning of the write-back targets: custom fields, a permission set assigned to the integration user, a layout section. Safe to re-run. */
import { AtlasError } from '../../src/errors.js';
import { benefitOptions } from '../../src/model/benefits.js';
import type { ProvisionOptions, ProvisionPlan, ProvisionReport, ProvisionStep } from '../types.js';
import { cellFieldsMetadata, cellObjectMetadata } from './cell-records.js';
import type { SalesforceClient } from './client.js';
import { asArray, type MetadataRecord, readMetadata, sameValue, upsertMetadata } from './metadata.js';
import { SF_VIEWER_PERMISSION_SET, viewerPermissionSet, writebackFieldNames } from './permission-sets.js';
import { assertCapability, withMetadataAccess } from './permissions.js';
import { SalesforceQueryPageSchema } from './raw.js';
import { recommendationFieldsMetadata } from './recommendation-fields.js';
import { soqlString } from './soql.js';
import {
  applyViewerAssignment,
  readViewerTargets,
  type ViewerTarget,
  viewerAssignmentStep,
} from './viewer-assignments.js';
import type { SalesforceWriteback, SalesforceWritebackField } from './writeback-schema.js';

/** Label of the layout section holding the write-back fields. */
export const EXPERTISE_SECTION = 'Partner expertise';
const MULTISELECT_DEFAULT_LINES = 4;

/** The CustomField metadata a write-back field should have (values of picklists are added by ensureFieldOptions). */
export function customFieldMetadata(object: string, f: SalesforceWritebackField): MetadataRecord {
  const md: MetadataRecord = {
    fullName: `${object}.${f.field}`,
    label: f.label,
    type: f.type,
    ...(f.description ? { description: f.description } : {}),
    inlineHelpText: `Written by Partner Atlas (${f.benefit?.definition?.name ?? f.result}); edits are overwritten on the next run.`,
  };
  switch (f.type) {
    case 'Text':
      md.length = f.length;
      break;
    case 'LongTextArea':
      md.length = f.length;
      md.visibleLines = f.visibleLines ?? 10;
      break;
    case 'Number':
      md.precision = f.precision;
      md.scale = f.scale;
      break;
    case 'MultiselectPicklist':
      md.visibleLines = f.visibleLines ?? MULTISELECT_DEFAULT_LINES;
      md.valueSet = { restricted: true, valueSetDefinition: { sorted: false, value: [] } };
      break;
    case 'Picklist':
      // A benefit's values are known before any run: the picklist is created with all of them.
      md.valueSet = {
        restricted: true,
        valueSetDefinition: {
          sorted: false,
          value: picklistValues(benefitOptions(f.benefit?.definition ?? null)),
        },
      };
      break;
    default:
      break;
  }
  return md;
}

/** Attributes compared to decide create / update / unchanged (picklist values are ensureFieldOptions'). */
const COMPARED = ['type', 'label', 'length', 'precision', 'scale', 'visibleLines'] as const;

function fieldDiff(existing: MetadataRecord | undefined, desired: MetadataRecord): string[] {
  if (!existing) return ['new'];
  return COMPARED.filter((k) => !sameValue(desired[k], existing[k])).map(
    (k) => `${k} ${String(existing[k] ?? '∅')} → ${String(desired[k] ?? '∅')}`,
  );
}

/** Picklist value metadata: the label is the value, as people read it. */
function picklistValues(values: readonly string[]): MetadataRecord[] {
  return values.map((v) => ({ fullName: v, default: false, label: v }));
}

/** The values of a picklist field's value set (metadata as read or as built). */
function valuesOf(md: MetadataRecord | undefined): MetadataRecord[] {
  const valueSet = md?.valueSet as Record<string, unknown> | undefined;
  const definition = valueSet?.valueSetDefinition as Record<string, unknown> | undefined;
  return asArray<MetadataRecord>(definition?.value);
}

/** A benefit picklist's values the org's field lacks (a new rule's value), as a diff entry. */
function newBenefitValues(existing: MetadataRecord | undefined, desired: MetadataRecord): string[] {
  if (!existing || desired.type !== 'Picklist') return [];
  const have = new Set(valuesOf(existing).map((v) => String(v.fullName)));
  const missing = valuesOf(desired)
    .map((v) => String(v.fullName))
    .filter((v) => !have.has(v));
  return missing.length === 0 ? [] : [`values + ${missing.join(', ')}`];
}

/**
 * Keeps the picklist values already in the org when a field is updated (a value no rule gives any more may
 * still be on records), adding a benefit's new values after them.
 */
function mergedField(existing: MetadataRecord | undefined, desired: MetadataRecord): MetadataRecord {
  if (!existing || (desired.type !== 'MultiselectPicklist' && desired.type !== 'Picklist')) return desired;
  const kept = valuesOf(existing);
  const have = new Set(kept.map((v) => String(v.fullName)));
  const added = valuesOf(desired).filter((v) => !have.has(String(v.fullName)));
  return {
    ...desired,
    valueSet: { restricted: true, valueSetDefinition: { sorted: false, value: [...kept, ...added] } },
  };
}

/**
 * The permission set granting read/edit on every write-back field; `keep` are the org's other field
 * permissions in that set, left as they are.
 */
export function permissionSetMetadata(
  wb: SalesforceWriteback,
  keep: readonly FieldPermission[],
  label?: unknown,
): MetadataRecord {
  const cellObject = wb.cellRecords?.object;
  return {
    fullName: wb.permissionSet,
    description: 'Read and edit the fields Partner Atlas writes back (assign it to the integration user).',
    fieldPermissions: [
      ...keep,
      ...writebackFieldNames(wb).map((field) => ({ editable: true, field, readable: true })),
    ],
    hasActivationRequired: false,
    label: typeof label === 'string' && label !== '' ? label : 'Partner Atlas',
    ...(cellObject
      ? {
          objectPermissions: [
            {
              allowCreate: true,
              allowDelete: true,
              allowEdit: true,
              allowRead: true,
              modifyAllRecords: false,
              object: cellObject,
              viewAllRecords: true,
            },
          ],
        }
      : {}),
  };
}

export interface FieldPermission {
  field: string;
  readable: boolean;
  editable: boolean;
}

function permissionsOf(ps: MetadataRecord | undefined): FieldPermission[] {
  return asArray<Record<string, unknown>>(ps?.fieldPermissions).map((p) => ({
    field: String(p.field ?? ''),
    readable: p.readable === true || p.readable === 'true',
    editable: p.editable === true || p.editable === 'true',
  }));
}

function layoutSection(fields: readonly SalesforceWritebackField[]): Record<string, unknown> {
  const half = Math.ceil(fields.length / 2);
  const item = (f: SalesforceWritebackField) => ({ behavior: 'Readonly', field: f.field });
  return {
    customLabel: true,
    detailHeading: true,
    editHeading: true,
    label: EXPERTISE_SECTION,
    layoutColumns: [
      { layoutItems: fields.slice(0, half).map(item) },
      { layoutItems: fields.slice(half).map(item) },
    ],
    style: 'TwoColumnsTopToBottom',
  };
}

function sectionFields(section: Record<string, unknown>): string[] {
  return asArray<Record<string, unknown>>(section.layoutColumns).flatMap((c) =>
    asArray<Record<string, unknown>>(c.layoutItems).map((i) => String(i.field ?? '')),
  );
}

/** Everything provisioning needs to know about the org now. */
interface OrgState {
  fields: Map<string, MetadataRecord>;
  /** The per-cell CustomObject, when the write-back keeps per-cell records and it exists. */
  cellObject: MetadataRecord | undefined;
  permissionSet: MetadataRecord | undefined;
  viewerPermissionSet: MetadataRecord | undefined;
  permissionSetId: string | null;
  assigned: boolean;
  layouts: Map<string, MetadataRecord>;
}

async function queryRecords(client: SalesforceClient, soql: string): Promise<Record<string, unknown>[]> {
  const body = await client.get('query', `/query?q=${encodeURIComponent(soql)}`);
  return SalesforceQueryPageSchema.parse(body).records;
}

async function readOrg(client: SalesforceClient, wb: SalesforceWriteback): Promise<OrgState> {
  const fields = await readMetadata(client, 'CustomField', writebackFieldNames(wb));
  const cellObject = wb.cellRecords
    ? (await readMetadata(client, 'CustomObject', [wb.cellRecords.object])).get(wb.cellRecords.object)
    : undefined;
  const sets = await readMetadata(client, 'PermissionSet', [wb.permissionSet, SF_VIEWER_PERMISSION_SET]);
  const permissionSet = sets.get(wb.permissionSet);
  const viewerPermissionSet = sets.get(SF_VIEWER_PERMISSION_SET);
  let permissionSetId: string | null = null;
  let assigned = false;
  if (permissionSet) {
    const [ps] = await queryRecords(
      client,
      `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(wb.permissionSet)}`,
    );
    permissionSetId = typeof ps?.Id === 'string' ? ps.Id : null;
    if (permissionSetId && client.identity) {
      const rows = await queryRecords(
        client,
        `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(client.identity.userId)} AND PermissionSetId = ${soqlString(permissionSetId)}`,
      );
      assigned = rows.length > 0;
    }
  }
  const layouts =
    wb.layouts.length > 0
      ? await readMetadata(client, 'Layout', wb.layouts)
      : new Map<string, MetadataRecord>();
  return { fields, cellObject, permissionSet, viewerPermissionSet, permissionSetId, assigned, layouts };
}

interface Planned {
  steps: ProvisionStep[];
  apply: Array<{ step: ProvisionStep; run: () => Promise<void>; field?: MetadataRecord }>;
}

function requireWriteback(wb: SalesforceWriteback | undefined): SalesforceWriteback {
  if (!wb) {
    throw new AtlasError(
      'PROVISION_NO_WRITEBACK',
      'Nothing to provision: the Salesforce mapping has no writeback section',
      {
        context: { system: 'salesforce' },
      },
    );
  }
  return wb;
}

/** What each planning step reads and where it records its steps. */
interface PlanContext {
  client: SalesforceClient;
  wb: SalesforceWriteback;
  org: OrgState;
  /** The permission set groups and profiles `--assign-viewers` named, as the org has them now. */
  viewers: readonly ViewerTarget[];
  /** Records a step, and what carries it out unless it is unchanged. */
  add(step: ProvisionStep, run?: () => Promise<void>, field?: MetadataRecord): void;
}

/** One step per write-back field: created, widened to the mapping's definition, or already right. */
function planFields({ client, wb, org, add }: PlanContext): void {
  for (const f of wb.fields) {
    const fullName = `${wb.object}.${f.field}`;
    const desired = customFieldMetadata(wb.object, f);
    const existing = org.fields.get(fullName);
    const diff = [...fieldDiff(existing, desired), ...newBenefitValues(existing, desired)];
    const action = !existing ? 'create' : diff.length > 0 ? 'update' : 'unchanged';
    const component = mergedField(existing, desired);
    add(
      {
        kind: 'field',
        name: fullName,
        action,
        detail: action === 'update' ? diff.join(', ') : `${f.type} "${f.label}"`,
      },
      () => upsertMetadata(client, 'CustomField', [component]),
      component,
    );
  }
}

/**
 * The per-cell object and its fields, when the write-back keeps per-cell records: the object is created
 * once (its settings are not changed afterwards), each field created or brought to its definition.
 */
function planCellObject({ client, wb, org, add }: PlanContext): void {
  if (!wb.cellRecords) return;
  const object = wb.cellRecords.object;
  const md = cellObjectMetadata(object);
  add(
    {
      kind: 'object-schema',
      name: object,
      action: org.cellObject ? 'unchanged' : 'create',
      detail: `custom object "${String(md.label)}" (one record per partner cell with a level, child of Account)`,
    },
    () => upsertMetadata(client, 'CustomObject', [md]),
  );
  for (const desired of cellFieldsMetadata(object)) {
    const fullName = String(desired.fullName);
    const existing = org.fields.get(fullName);
    const diff = fieldDiff(existing, desired);
    const action = !existing ? 'create' : diff.length > 0 ? 'update' : 'unchanged';
    add(
      {
        kind: 'field',
        name: fullName,
        action,
        detail: action === 'update' ? diff.join(', ') : `${String(desired.type)} "${String(desired.label)}"`,
      },
      () => upsertMetadata(client, 'CustomField', [desired]),
      desired,
    );
  }
}

/** The Opportunity fields of recommended partners, when the write-back recommends: created or brought to their definition. */
function planRecommendationFields({ client, wb, org, add }: PlanContext): void {
  if (!wb.recommendations) return;
  for (const desired of recommendationFieldsMetadata(wb.recommendations)) {
    const fullName = String(desired.fullName);
    const existing = org.fields.get(fullName);
    const diff = fieldDiff(existing, desired);
    const action = !existing ? 'create' : diff.length > 0 ? 'update' : 'unchanged';
    add(
      {
        kind: 'field',
        name: fullName,
        action,
        detail:
          action === 'update'
            ? diff.join(', ')
            : `${String(desired.type)} "${String(desired.label)}"${desired.type === 'Lookup' ? ' to Account' : ''}`,
      },
      () => upsertMetadata(client, 'CustomField', [desired]),
      desired,
    );
  }
}

/** The read-only set for people (reps, managers): read on every field Atlas writes and on the per-cell object. */
function planViewerPermissionSet({ client, wb, org, add }: PlanContext): void {
  const wanted = writebackFieldNames(wb);
  const current = permissionsOf(org.viewerPermissionSet);
  const missing = wanted.filter(
    (name) => !current.some((p) => p.field.toLowerCase() === name.toLowerCase() && p.readable),
  );
  const action = !org.viewerPermissionSet ? 'create' : missing.length > 0 ? 'update' : 'unchanged';
  add(
    {
      kind: 'permission',
      name: SF_VIEWER_PERMISSION_SET,
      action,
      detail:
        action === 'unchanged'
          ? `read on every Atlas field (${wanted.length})`
          : `grant read on ${missing.join(', ')}`,
    },
    () => upsertMetadata(client, 'PermissionSet', [viewerPermissionSet(wb)]),
  );
}

/** The permission set granting read/edit on every write-back field (other grants in it are kept). */
function planPermissionSet({ client, wb, org, add }: PlanContext): void {
  const wanted = writebackFieldNames(wb);
  const current = permissionsOf(org.permissionSet);
  const missing = wanted.filter(
    (name) => !current.some((p) => p.field.toLowerCase() === name.toLowerCase() && p.editable && p.readable),
  );
  const action = !org.permissionSet ? 'create' : missing.length > 0 ? 'update' : 'unchanged';
  add(
    {
      kind: 'permission',
      name: wb.permissionSet,
      action,
      detail:
        action === 'unchanged'
          ? `read/edit on every write-back field (${wanted.length})`
          : `grant read/edit on ${missing.join(', ')}`,
    },
    async () => {
      const keep = current.filter((p) => !wanted.some((w) => w.toLowerCase() === p.field.toLowerCase()));
      await upsertMetadata(client, 'PermissionSet', [
        permissionSetMetadata(wb, keep, org.permissionSet?.label),
      ]);
    },
  );
}

/** Assigns the permission set to the integration user (the session's user). */
async function assignPermissionSet(client: SalesforceClient, wb: SalesforceWriteback, user: string | null) {
  if (!user) {
    throw new AtlasError(
      'PROVISION_NO_USER',
      'Cannot tell the integration user id from the session to assign the permission set',
      { context: { permissionSet: wb.permissionSet } },
    );
  }
  const [ps] = await queryRecords(
    client,
    `SELECT Id FROM PermissionSet WHERE Name = ${soqlString(wb.permissionSet)}`,
  );
  if (typeof ps?.Id !== 'string') {
    throw new AtlasError(
      'PROVISION_NO_PERMISSION_SET',
      `Permission set ${wb.permissionSet} was not found after creating it`,
    );
  }
  // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
  await client.rest('create', {
    method: 'POST',
    path: '/sobjects/PermissionSetAssignment',
    body: { AssigneeId: user, PermissionSetId: ps.Id },
  });
}

function planAssignment({ client, wb, org, add }: PlanContext): void {
  const user = client.identity?.userId ?? null;
  add(
    {
      kind: 'permission',
      name: `${wb.permissionSet} → integration user`,
      action: org.assigned ? 'unchanged' : 'create',
      detail: org.assigned
        ? 'assigned'
        : `assign ${wb.permissionSet} to the integration user${user ? ` (${user})` : ''}`,
    },
    () => assignPermissionSet(client, wb, user),
  );
}

/** The viewer set added to each named permission set group, or assigned to each named profile's active users. */
function planViewerAssignments({ client, viewers, add }: PlanContext): void {
  for (const target of viewers)
    add(viewerAssignmentStep(target), () => applyViewerAssignment(client, target));
}

/** The "Partner expertise" section on each named page layout, holding every write-back field. */
function planLayouts({ client, wb, org, add }: PlanContext): void {
  for (const name of wb.layouts) {
    const layout = org.layouts.get(name);
    if (!layout) {
      add({
        kind: 'layout',
        name,
        action: 'unchanged',
        detail: 'layout not found: name it as in Setup (`Object-Layout Name`); nothing to add',
      });
      continue;
    }
    const sections = asArray<Record<string, unknown>>(layout.layoutSections);
    const section = sections.find((s) => s.label === EXPERTISE_SECTION);
    const have = section ? sectionFields(section) : [];
    const absent = wb.fields.filter((f) => !have.some((h) => h.toLowerCase() === f.field.toLowerCase()));
    const action = !section ? 'create' : absent.length > 0 ? 'update' : 'unchanged';
    add(
      {
        kind: 'layout',
        name,
        action,
        detail:
          action === 'unchanged'
            ? `section "${EXPERTISE_SECTION}" holds every write-back field (${wb.fields.length})`
            : `section "${EXPERTISE_SECTION}" with ${absent.map((f) => f.field).join(', ')}`,
      },
      async () => {
        const others = sections.filter((s) => s.label !== EXPERTISE_SECTION);
        await upsertMetadata(client, 'Layout', [
          { ...layout, fullName: name, layoutSections: [...others, layoutSection(wb.fields)] },
        ]);
      },
    );
  }
}

/** Reads the org once, then plans fields, permission set, its assignment and layouts, in that order. */
async function planAll(
  client: SalesforceClient,
  writeback: SalesforceWriteback | undefined,
  options: ProvisionOptions,
): Promise<Planned> {
  const wb = requireWriteback(writeback);
  // Said before the first Metadata API call: which permissions are missing, not a bare INSUFFICIENT_ACCESS.
  await assertCapability(client, 'provisioning');
  const org = await withMetadataAccess(client, 'provisioning', () => readOrg(client, wb));
  const viewers = await withMetadataAccess(client, 'provisioning', () =>
    readViewerTargets(client, options.assignViewers ?? []),
  );
  const steps: ProvisionStep[] = [];
  const apply: Planned['apply'] = [];
  const ctx: PlanContext = {
    client,
    wb,
    org,
    viewers,
    add: (step, run, field) => {
      steps.push(step);
      if (run && step.action !== 'unchanged') apply.push({ step, run, ...(field ? { field } : {}) });
    },
  };
  planFields(ctx);
  planCellObject(ctx);
  planRecommendationFields(ctx);
  planPermissionSet(ctx);
  planViewerPermissionSet(ctx);
  planAssignment(ctx);
  planViewerAssignments(ctx);
  planLayouts(ctx);
  return { steps, apply };
}

/** What provisioning would create or change (reads the org, writes nothing). */
export async function planProvisioning(
  client: SalesforceClient,
  writeback: SalesforceWriteback | undefined,
  options: ProvisionOptions = {},
): Promise<ProvisionPlan> {
  const { steps } = await planAll(client, writeback, options);
  return { system: 'salesforce', steps };
}

/**
 * Carries out the steps of `plan` that are still needed now (re-read, so a stale plan never undoes anything);
 * a second run finds every step unchanged and writes nothing.
 */
export async function applyProvisioning(
  client: SalesforceClient,
  writeback: SalesforceWriteback | undefined,
  plan: ProvisionPlan,
  options: ProvisionOptions = {},
): Promise<ProvisionReport> {
  const fresh = await planAll(client, writeback, options);
  return withMetadataAccess(client, 'provisioning', () => applyPlanned(fresh, plan, client));
}

async function applyPlanned(
  fresh: Planned,
  plan: ProvisionPlan,
  client: SalesforceClient,
): Promise<ProvisionReport> {
  const approved = new Set(
    plan.steps.filter((s) => s.action !== 'unchanged').map((s) => `${s.kind}:${s.name}`),
  );
  const todo = fresh.apply.filter((a) => approved.has(`${a.step.kind}:${a.step.name}`));
  // The per-cell object before its fields; fields ten per call; then the permission sets naming them, the
  // assignment, then layouts showing them.
  let applied = 0;
  for (const { step, run } of todo) {
    if (step.kind !== 'object-schema') continue;
    await run();
    applied++;
  }
  const fields = todo.flatMap((a) => (a.field ? [a.field] : []));
  if (fields.length > 0) await upsertMetadata(client, 'CustomField', fields);
  applied += fields.length;
  for (const { step, run, field } of todo) {
    if (field || step.kind === 'object-schema') continue;
    await run();
    applied++;
  }
  return { system: 'salesforce', steps: fresh.steps, applied };
}
