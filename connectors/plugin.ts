/**
 * A CRM plugin: what the product knows of one CRM, so that src/ never names one. The registry
 * (connectors/registry.ts) lists the plugins; a new CRM is a folder with its plugin and a mapping file.
 */
import type { z } from 'zod';
import type { AtlasEnv } from '../src/config.js';
import type { Logger } from '../src/log.js';
import type { BenefitRef } from '../src/model/benefits.js';
import type { CrmSystem, ListGrouping, WritebackResult } from '../src/model/index.js';
import type { ListOptions } from '../src/model/list-options.js';
import type { MappingDialect, PathProblem } from './mapping-dialect.js';
import type { Connector, CrmSurvey, StarterMapping, SurveyOptions } from './types.js';

/** What every CRM's write-back section holds, whatever else it declares. */
export interface WritebackSection {
  /** The object whose records receive the results (`Account`, `companies`). */
  object: string;
  /** `benefit`: for `result: benefit`, the benefit (its definition bound when the mapping directory loads). */
  fields: readonly { result: WritebackResult; benefit?: BenefitRef | undefined }[];
  /** `nameMax`: characters a list's name holds in this CRM (null: no limit worth shortening names for). */
  lists: readonly ({
    kind: string;
    per: ListGrouping;
    namePrefix: string;
    nameMax: number | null;
  } & ListOptions)[];
  /** Per-cell records of the levelled cells (a CRM with a per-cell object); absent = none. */
  cellRecords?: { readonly levels: readonly string[] } | undefined;
  /** Recommended partners on open deals (issue #17); absent = none. */
  recommendations?: RecommendationSection | undefined;
}

/**
 * Recommended partners on the CRM's open deals: slot i of each field list holds the i-th best partner. A
 * partner is named by its record in the write-back object (`partners`: a Salesforce Account lookup, a HubSpot
 * company id) and, where the CRM has no lookup to show, by its name (`names`).
 */
export interface RecommendationSection {
  /** The deal object written to (`Opportunity`, `deals`). */
  object: string;
  count: number;
  fields: {
    partners: readonly string[];
    names?: readonly string[] | undefined;
    reasons: readonly string[];
    recommendedAt: string;
  };
  /** Only open deals at these stages; absent = every open deal. */
  stages?: readonly string[] | undefined;
}

/** What the pipeline needs to know of one write-back field besides the result it receives. */
export interface WritebackFieldFacts {
  /** The CRM's field or property name. */
  name: string;
  /** Characters the field holds (text values are cut to it, so what we compare is what the CRM keeps). */
  maxLength: number | null;
  /** The CRM's type of the field, as the mapping file says it (for summaries). */
  type: string;
}

/** What the product hands a plugin when it opens the connector. */
export interface OpenOptions<W extends WritebackSection> {
  /** The mapping's write-back section; undefined for a read-only mapping. */
  writeback: W | undefined;
  /** Objects the mapping reads (a CRM may check its token's scopes against them). */
  readObjects: readonly string[];
  /** Every value a list-valued result may take (segment and need labels), for option sets; null otherwise. */
  possibleValues(result: WritebackResult): readonly string[] | null;
  logger?: Logger;
}

export interface CrmPlugin<W extends WritebackSection = WritebackSection> {
  readonly system: CrmSystem;
  /** The CRM's name as users read it ("Salesforce"). */
  readonly label: string;
  /** The environment variables that configure it, for messages (`SALESFORCE_*`). */
  readonly envVariables: string;
  /** The mapping file's dialect: path rules, linkage kinds, collections, record ids. */
  readonly mapping: MappingDialect;
  /** The schema of the mapping file's `writeback:` section. */
  readonly writebackSchema: z.ZodType<W>;
  /** Name, length and type of one field of the write-back section. */
  writebackField(field: W['fields'][number]): WritebackFieldFacts;
  /** Why a taxonomy label cannot travel to this CRM with this write-back, or undefined when it can. */
  labelProblem(label: string, writeback: W): PathProblem | undefined;
  /** Whether the environment holds this CRM's credentials. */
  configured(env: AtlasEnv): boolean;
  /** Opens the connector (loading the CRM's client library only then). */
  open(env: AtlasEnv, options: OpenOptions<W>): Promise<Connector>;
  /** What `atlas mappings init` surveys for this CRM's starter mapping. */
  readonly starterSurvey: SurveyOptions;
  /**
   * The starter mapping file from a survey of this CRM, ending with `writeback` (the write-back section of the
   * mapping it starts from, as text) or, when null, a note that the starter only reads.
   */
  starterMapping(survey: CrmSurvey, writeback: string | null): StarterMapping;
}
