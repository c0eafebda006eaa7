/** One CRM's write-back section, reduced to what both CRMs share: which result goes to which field, and the lists. */
import {
  GROUPING_RESULT,
  type HubSpotWriteback,
  type ListGrouping,
  RESULT_SHAPES,
  type ResultShape,
  type SalesforceWriteback,
  type WritebackResult,
} from '../mapping/index.js';
import type { CrmSystem } from '../model/index.js';

export interface TargetField {
  /** Salesforce field API name / HubSpot property name. */
  name: string;
  result: WritebackResult;
  shape: ResultShape;
  /** Characters the field holds (text values are cut to it, so what we compare is what the CRM keeps). */
  maxLength: number | null;
}

export interface TargetList {
  per: ListGrouping;
  namePrefix: string;
  /** The result whose values name the lists. */
  result: WritebackResult;
}

export interface WritebackTarget {
  system: CrmSystem;
  object: string;
  fields: TargetField[];
  lists: TargetList[];
}

/** HubSpot string properties hold 65,536 characters (https://knowledge.hubspot.com/properties/property-field-types-in-hubspot). */
const HS_STRING_MAX = 65_536;
/** Salesforce Text Area (not long) fields hold 255 characters. */
const SF_TEXT_AREA_MAX = 255;

export function writebackTarget(
  system: CrmSystem,
  writeback: SalesforceWriteback | HubSpotWriteback,
): WritebackTarget {
  const lists = writeback.lists.map((list) => ({
    per: list.per,
    namePrefix: list.namePrefix,
    result: GROUPING_RESULT[list.per],
  }));
  if ('group' in writeback) {
    return {
      system,
      object: writeback.object,
      fields: writeback.fields.map((f) => ({
        name: f.property,
        result: f.result,
        shape: RESULT_SHAPES[f.result],
        maxLength: f.type === 'string' ? HS_STRING_MAX : null,
      })),
      lists,
    };
  }
  return {
    system,
    object: writeback.object,
    fields: writeback.fields.map((f) => ({
      name: f.field,
      result: f.result,
      shape: RESULT_SHAPES[f.result],
      maxLength:
        f.type === 'Text' || f.type === 'LongTextArea'
          ? (f.length ?? null)
          : f.type === 'TextArea'
            ? SF_TEXT_AREA_MAX
            : null,
    })),
    lists,
  };
}
