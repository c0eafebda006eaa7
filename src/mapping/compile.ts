/** Compiles a validated connector mapping and the taxonomy into read plans and fast raw → model mappers. */
import type { WritebackSection } from '../../connectors/plugin.js';
import { crmPlugin } from '../../connectors/registry.js';
import { AtlasError } from '../errors.js';
import type { CrmSystem, RecordIssue, ScoringConfig, Taxonomy } from '../model/index.js';
import type { FieldCompileContext } from './compile-field.js';
import type { ConnectorMapping } from './connector-mapping.js';
import { ENTITY_NAMES, type EntityName } from './model-fields.js';
import type { MappedPage, MapResult, ModelByEntity, RawRecord } from './raw-record.js';
import { buildReadPlan, type ReadPlan } from './read-plan.js';
import { issueValue } from './record-issues.js';
import { indexTaxonomy } from './taxonomy-index.js';
import { findUnknownTaxonomyKeys } from './taxonomy-refs.js';
import { compileToCertification } from './to-certification.js';
import { compileToDeal } from './to-deal.js';
import { compileToPartner } from './to-partner.js';
import { compileToPerson } from './to-person.js';

/** One entity, compiled. */
export interface CompiledEntity<E extends EntityName> {
  readonly entity: E;
  readonly system: CrmSystem;
  readonly object: string;
  /** What the connector selects, which children / associations it fetches, and the filter. */
  readonly readPlan: ReadPlan;
  /** Maps one raw record; never throws. `record` is null when an error issue skipped it. */
  toModel(raw: RawRecord): MapResult<ModelByEntity[E]>;
  /** Maps a page, deduplicating records by CRM id (the last one wins, with a warning). */
  mapPage(raws: readonly RawRecord[]): MappedPage<ModelByEntity[E]>;
}

export type CompiledEntities = { [E in EntityName]?: CompiledEntity<E> };

/** A connector mapping ready to run. */
export interface CompiledMapping {
  readonly system: CrmSystem;
  readonly entities: CompiledEntities;
  readonly writeback: WritebackSection | undefined;
  /** The compiled entity, or undefined when the mapping does not read it. */
  entity<E extends EntityName>(name: E): CompiledEntity<E> | undefined;
  /** `entity(name).mapPage(raws)`; throws AtlasError when the mapping does not read that entity. */
  mapPage<E extends EntityName>(entity: E, raws: readonly RawRecord[]): MappedPage<ModelByEntity[E]>;
  /** The read plan of every entity the mapping reads, in ENTITY_NAMES order. */
  readPlans(): ReadPlan[];
}

function makeEntity<E extends EntityName>(
  entity: E,
  system: CrmSystem,
  object: string,
  readPlan: ReadPlan,
  toModel: (raw: unknown) => MapResult<ModelByEntity[E]>,
): CompiledEntity<E> {
  const mapPage = (raws: readonly RawRecord[]): MappedPage<ModelByEntity[E]> => {
    const issues: RecordIssue[] = [];
    const latest = new Map<string, RawRecord>();
    const unnamed: RawRecord[] = [];
    for (const raw of raws) {
      const id = typeof raw?.id === 'string' ? raw.id.trim() : '';
      if (id === '') {
        unnamed.push(raw);
        continue;
      }
      const previous = latest.get(id);
      if (previous !== undefined) {
        issues.push({
          system,
          object,
          recordId: id,
          field: `${entity}.id`,
          value: issueValue(id),
          reason: 'the same record id appears twice in one page; the last one is kept',
          severity: 'warning',
        });
        latest.delete(id);
      }
      latest.set(id, raw);
    }
    const records: ModelByEntity[E][] = [];
    for (const raw of [...unnamed, ...latest.values()]) {
      const result = toModel(raw);
      if (result.record !== null) records.push(result.record);
      for (const issue of result.issues) issues.push(issue);
    }
    return { records, issues };
  };
  return { entity, system, object, readPlan, toModel, mapPage };
}

/**
 * Compiles a mapping against a taxonomy, and scoring.yaml's `currency` when given (deals in a currency
 * without a rate are then reported). Throws AtlasError when the mapping names taxonomy keys the taxonomy
 * lacks (the loader reports those with positions first).
 * @example
 * const compiled = compileMapping(loaded.salesforce, loaded.taxonomy, loaded.scoring.currency);
 * const { records, issues } = compiled.mapPage('deals', page);
 */
export function compileMapping(
  mapping: ConnectorMapping,
  taxonomy: Taxonomy,
  currency?: ScoringConfig['currency'],
): CompiledMapping {
  const unknown = findUnknownTaxonomyKeys(mapping, taxonomy);
  if (unknown.length > 0) {
    throw new AtlasError(
      'MAPPING_INVALID',
      `${mapping.system} mapping: ${unknown.map((u) => u.message).join('; ')}`,
      {
        context: { system: mapping.system },
      },
    );
  }
  const { system } = mapping;
  const dialect = crmPlugin(system).mapping;
  const { partners, deals, certifications, people } = mapping.entities;
  const ctx: FieldCompileContext = {
    system,
    entity: 'partners',
    taxonomy: indexTaxonomy(taxonomy),
    accountObject: partners.object,
    personObject: people?.object ?? dialect.defaultPersonObject,
    ...(currency === undefined ? {} : { currencies: new Set(Object.keys(currency.rates)) }),
  };
  const entities: CompiledEntities = {
    partners: makeEntity(
      'partners',
      system,
      partners.object,
      buildReadPlan(dialect, 'partners', partners),
      compileToPartner(partners, { ...ctx, entity: 'partners' }),
    ),
  };
  if (deals) {
    entities.deals = makeEntity(
      'deals',
      system,
      deals.object,
      buildReadPlan(dialect, 'deals', deals),
      compileToDeal(deals, { ...ctx, entity: 'deals' }),
    );
  }
  if (certifications) {
    entities.certifications = makeEntity(
      'certifications',
      system,
      certifications.object,
      buildReadPlan(dialect, 'certifications', certifications),
      compileToCertification(certifications, { ...ctx, entity: 'certifications' }),
    );
  }
  if (people) {
    entities.people = makeEntity(
      'people',
      system,
      people.object,
      buildReadPlan(dialect, 'people', people),
      compileToPerson(people, { ...ctx, entity: 'people' }),
    );
  }
  const entity = <E extends EntityName>(name: E): CompiledEntity<E> | undefined => entities[name];
  return {
    system,
    entities,
    writeback: mapping.writeback,
    entity,
    readPlans: () => ENTITY_NAMES.flatMap((name) => entities[name]?.readPlan ?? []),
    mapPage(name, raws) {
      const compiled = entity(name);
      if (!compiled) {
        throw new AtlasError('MAPPING_ENTITY_MISSING', `the ${system} mapping does not read ${name}`, {
          context: { system, entity: name },
        });
      }
      return compiled.mapPage(raws);
    },
  };
}
