/** One CRM's write-back section in the terms every CRM shares: which result goes to which field, and the lists. */
import type { WritebackSection } from '../../connectors/plugin.js';
import { crmPlugin } from '../../connectors/registry.js';
import type { Benefit } from '../model/benefits.js';
import {
  type CellKind,
  type CrmSystem,
  GROUPING_RESULT,
  type ListGrouping,
  RESULT_SHAPES,
  type ResultShape,
  type WritebackResult,
} from '../model/index.js';
import { type RecommendationTarget, recommendationTarget } from './desired-recommendations.js';

export interface TargetField {
  /** The CRM's field or property name. */
  name: string;
  result: WritebackResult;
  /** `result: benefit`: the benefit's definition (null when unbound, or for other results). */
  benefit: Benefit | null;
  shape: ResultShape;
  /** Characters the field holds (text values are cut to it, so what we compare is what the CRM keeps). */
  maxLength: number | null;
}

export interface TargetList {
  per: ListGrouping;
  namePrefix: string;
  /** The result whose values name the lists. */
  result: WritebackResult;
  /** Levels, cell kinds and most lists per kind (mapping `lists:` options; levels absent = the top two). */
  levels: readonly string[] | undefined;
  cells: readonly CellKind[];
  max: number;
  /** Characters a list name holds in the CRM; null = no limit (full names). */
  nameMax: number | null;
}

export interface WritebackTarget {
  system: CrmSystem;
  object: string;
  fields: TargetField[];
  lists: TargetList[];
  /** Levels whose sector × technology cells get a per-cell record (connector `cellRecords`); null = none. */
  cellLevels: readonly string[] | null;
  /** Recommended partners on the CRM's open deals; absent or null = none. */
  recommendations?: RecommendationTarget | null;
}

/** The target of a system's write-back section; the CRM's plugin names each field and its length. */
export function writebackTarget(system: CrmSystem, writeback: WritebackSection): WritebackTarget {
  const plugin = crmPlugin(system);
  return {
    system,
    object: writeback.object,
    fields: writeback.fields.map((f) => {
      const { name, maxLength } = plugin.writebackField(f);
      return {
        name,
        result: f.result,
        benefit: f.benefit?.definition ?? null,
        shape: RESULT_SHAPES[f.result],
        maxLength,
      };
    }),
    lists: writeback.lists.map((list) => ({
      per: list.per,
      namePrefix: list.namePrefix,
      result: GROUPING_RESULT[list.per],
      levels: list.levels,
      cells: list.cells,
      max: list.max,
      nameMax: list.nameMax,
    })),
    cellLevels: writeback.cellRecords ? [...writeback.cellRecords.levels] : null,
    recommendations: recommendationTarget(system, writeback.object, writeback.recommendations),
  };
}
