/** The HubSpot connector: the port of connectors/types.ts over the modules of this folder. */
import { AtlasError } from '../../src/errors.js';
import type {
  ApiUsage,
  CellRecordPort,
  ConnectionCheck,
  Connector,
  CrmField,
  CrmSurvey,
  DeletedOptions,
  DeletedPage,
  DesiredList,
  FieldOptions,
  FieldUpdate,
  ListPlan,
  ListSyncReport,
  ProvisionPlan,
  ProvisionReport,
  ProvisionStep,
  ReadOptions,
  ReadPage,
  ReadPlan,
  SchemaProblem,
  SurveyOptions,
  WriteOutcome,
} from '../types.js';
import { hubspotCellRecords } from './cell-records.js';
import { HubSpotClient } from './client.js';
import { listLiveIds, readArchived } from './deleted.js';
import { applyListSync, type ListContext, planListSync } from './lists.js';
import { ObjectTypes } from './object-types.js';
import type { ResolvedHubSpotOptions } from './options.js';
import { readPropertyDefinitions } from './properties.js';
import {
  applyProvisioning,
  createWritebackProperty,
  mergeOptions,
  type ProvisionContext,
  planProvisioning,
} from './provision.js';
import { readRecords } from './read.js';
import { checkConnection, checkPlans } from './schema-check.js';
import { surveyHubSpotSchema } from './survey.js';
import { writebackValueTypes } from './values.js';
import { writeUpdates } from './write.js';

export class HubSpotConnector implements Connector {
  readonly system = 'hubspot' as const;
  readonly #options: ResolvedHubSpotOptions;
  readonly #client: HubSpotClient;
  readonly #types: ObjectTypes;
  /** Per-cell records, when the write-back section asks for them (a portal with custom objects). */
  readonly cellRecords?: CellRecordPort;

  constructor(options: ResolvedHubSpotOptions, http?: ConstructorParameters<typeof HubSpotClient>[1]) {
    this.#options = options;
    this.#client = new HubSpotClient(options, http);
    this.#types = new ObjectTypes(this.#client);
    const cells = options.writeback?.cellRecords;
    if (cells) this.cellRecords = hubspotCellRecords(this.#client, this.#types, cells.object);
  }

  get #writeObject(): string {
    return this.#options.writeback?.object ?? 'companies';
  }

  check(plans: readonly ReadPlan[], writeFields: readonly string[]): Promise<ConnectionCheck> {
    return checkConnection(
      this.#client,
      this.#types,
      {
        plans,
        writeFields,
        writeObject: this.#writeObject,
        lists: (this.#options.writeback?.lists.length ?? 0) > 0,
        ...(this.#options.writeback?.recommendations
          ? { recommendationObject: this.#options.writeback.recommendations.object }
          : {}),
        cellRecords: this.#options.writeback?.cellRecords !== undefined,
      },
      this.#options.logger,
    );
  }

  async describeFields(object: string): Promise<CrmField[]> {
    // Fresh, like checkSchema: a custom object created since is found.
    this.#types.forget();
    const type = await this.#types.resolve(object);
    const defs = await readPropertyDefinitions(this.#client, type.apiName);
    return [...defs.values()]
      .filter((p) => !p.hidden)
      .map((p) => ({ name: p.name, label: p.label ?? p.name, type: p.type }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  checkSchema(plans: readonly ReadPlan[]): Promise<SchemaProblem[]> {
    return checkPlans(this.#client, this.#types, plans);
  }

  read(plan: ReadPlan, options: ReadOptions): AsyncIterable<ReadPage> {
    return readRecords(plan, options, {
      client: this.#client,
      types: this.#types,
      recordsPerPage: this.#options.recordsPerPage,
      smallObjectMax: this.#options.smallObjectMax,
      writebackTypes: writebackValueTypes(this.#options.writeback),
      logger: this.#options.logger,
    });
  }

  readDeleted(plan: ReadPlan, options: DeletedOptions): AsyncIterable<DeletedPage> {
    return readArchived(this.#client, this.#types, plan, options);
  }

  listIds(plan: ReadPlan, options: { signal?: AbortSignal }): AsyncIterable<string[]> {
    return listLiveIds(this.#client, this.#types, plan, options);
  }

  async ensureFieldOptions(object: string, options: readonly FieldOptions[]): Promise<ProvisionStep[]> {
    const type = await this.#types.resolve(object);
    const defs = await readPropertyDefinitions(this.#client, type.apiName);
    const steps: ProvisionStep[] = [];
    for (const o of options) {
      const def = defs.get(o.field);
      const wbField = this.#options.writeback?.fields.find((f) => f.property === o.field);
      if (!def && wbField?.type === 'enumeration' && this.#options.writeback) {
        // A write-back enumeration provisioning could not create without values: created now, with them.
        await createWritebackProperty(this.#client, type.apiName, this.#options.writeback, wbField, o.values);
        steps.push({
          kind: 'field',
          name: o.field,
          action: 'create',
          detail: `with its options (${o.values.length})`,
        });
        continue;
      }
      if (!def) {
        throw new AtlasError(
          'SCHEMA_DRIFT',
          `HubSpot ${object} has no property "${o.field}" to add options to; run \`atlas provision hubspot --apply\`.`,
          { context: { system: 'hubspot', object, field: o.field } },
        );
      }
      // Only enumerations have options; a text property takes any value.
      if (def.type !== 'enumeration') {
        steps.push({ kind: 'options', name: o.field, action: 'unchanged', detail: `${def.type} property` });
        continue;
      }
      const have = new Set(def.options.map((x) => x.value));
      const missing = [...new Set(o.values)].filter((v) => !have.has(v));
      if (missing.length === 0) {
        steps.push({
          kind: 'options',
          name: o.field,
          action: 'unchanged',
          detail: `none missing (of ${have.size})`,
        });
        continue;
      }
      const added = await mergeOptions(this.#client, type.apiName, o.field, missing);
      steps.push({
        kind: 'options',
        name: o.field,
        action: added.length > 0 ? 'update' : 'unchanged',
        detail: added.length > 0 ? `added ${added.join(', ')}` : `none missing (of ${have.size})`,
      });
    }
    return steps;
  }

  async writeFields(object: string, updates: readonly FieldUpdate[]): Promise<WriteOutcome[]> {
    if (updates.length === 0) return [];
    const type = await this.#types.resolve(object);
    return writeUpdates(this.#client, type.apiName, updates);
  }

  async #listContext(): Promise<ListContext> {
    const type = await this.#types.resolve(this.#writeObject);
    return {
      client: this.#client,
      objectTypeId: type.objectTypeId,
      prefixes: (this.#options.writeback?.lists ?? []).map((l) => l.namePrefix),
      retiredSuffix: this.#options.retiredListSuffix,
      // One portal, one limit: the smallest any `lists:` entry states.
      listLimit: Math.min(...(this.#options.writeback?.lists ?? []).map((l) => l.listLimit)),
    };
  }

  async planLists(desired: readonly DesiredList[]): Promise<ListPlan> {
    return planListSync(await this.#listContext(), desired);
  }

  async applyLists(plan: ListPlan, desired: readonly DesiredList[]): Promise<ListSyncReport> {
    return applyListSync(await this.#listContext(), plan, desired);
  }

  #provisionContext(): ProvisionContext {
    return {
      client: this.#client,
      types: this.#types,
      writeback: this.#options.writeback,
      fieldOptions: this.#options.fieldOptions,
      readObjects: this.#options.readObjects,
    };
  }

  planProvision(): Promise<ProvisionPlan> {
    return planProvisioning(this.#provisionContext());
  }

  applyProvision(plan: ProvisionPlan): Promise<ProvisionReport> {
    return applyProvisioning(this.#provisionContext(), plan);
  }

  surveySchema(options: SurveyOptions): Promise<CrmSurvey> {
    return surveyHubSpotSchema(this.#client, options);
  }

  usage(): ApiUsage {
    return this.#client.usage();
  }

  resetUsage(): void {
    this.#client.resetUsage();
  }

  async close(): Promise<void> {
    // Nothing held open: node-fetch answers are consumed, the limiter is shared per portal.
  }
}
