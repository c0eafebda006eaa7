/**
 * Associations v4: type definitions (HubSpot-defined and user-defined labels) per pair of object types,
 * and the associations between records in both directions. Every associated pair carries the pair's
 * default (unlabeled) type implicitly, as in HubSpot, so only labels are stored; `0` marks "default only".
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/associations/associate-records/guide
 */
import { hubSpotError, validationError } from './errors.js';

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

/** One association type in one direction. */
export interface AssociationTypeDefinition {
  fromTypeId: string;
  toTypeId: string;
  typeId: number;
  category: AssociationCategory;
  /** `null` for the unlabeled default type. */
  label: string | null;
  /** Internal name: `deal_to_company`, `deal_to_company_unlabeled`, or a user label's name. */
  name: string;
  /** Type id of the same association read from the other side. */
  inverseTypeId: number;
  /** The pair's unlabeled type, implied by every association of the pair. */
  isDefault: boolean;
}

/** One associated record as read from one side. */
export interface AssociatedRecord {
  toId: number;
  types: AssociationTypeDefinition[];
}

const DEFAULT_ONLY = 0;

function pairKey(from: string, to: string): string {
  return `${from}|${to}`;
}

/** Association definitions and edges of the emulator portal. */
export class AssociationStore {
  readonly #defs = new Map<string, AssociationTypeDefinition[]>();
  readonly #edges = new Map<string, Map<number, number[]>>();
  #nextTypeId: number;

  constructor(firstUserTypeId = 100) {
    this.#nextTypeId = firstUserTypeId;
  }

  /** Declares a pair of object types with its default (unlabeled) type in both directions. */
  definePair(
    a: { typeId: string; singular: string },
    b: { typeId: string; singular: string },
    options: { aToB: number; bToA: number; category?: AssociationCategory; unlabeledSuffix?: boolean },
  ): void {
    const category = options.category ?? 'HUBSPOT_DEFINED';
    const suffix = options.unlabeledSuffix ? '_unlabeled' : '';
    this.#add({
      fromTypeId: a.typeId,
      toTypeId: b.typeId,
      typeId: options.aToB,
      category,
      label: null,
      name: `${a.singular}_to_${b.singular}${suffix}`,
      inverseTypeId: options.bToA,
      isDefault: true,
    });
    this.#add({
      fromTypeId: b.typeId,
      toTypeId: a.typeId,
      typeId: options.bToA,
      category,
      label: null,
      name: `${b.singular}_to_${a.singular}${suffix}`,
      inverseTypeId: options.aToB,
      isDefault: true,
    });
  }

  /** Declares a HubSpot-defined label (e.g. deal→company "Primary", typeIds 5 and 6). */
  defineHubSpotLabel(
    a: { typeId: string; singular: string },
    b: { typeId: string; singular: string },
    options: { aToB: number; bToA: number; label: string },
  ): void {
    this.#add({
      fromTypeId: a.typeId,
      toTypeId: b.typeId,
      typeId: options.aToB,
      category: 'HUBSPOT_DEFINED',
      label: options.label,
      name: `${a.singular}_to_${b.singular}`,
      inverseTypeId: options.bToA,
      isDefault: false,
    });
    this.#add({
      fromTypeId: b.typeId,
      toTypeId: a.typeId,
      typeId: options.bToA,
      category: 'HUBSPOT_DEFINED',
      label: options.label,
      name: `${b.singular}_to_${a.singular}`,
      inverseTypeId: options.aToB,
      isDefault: false,
    });
  }

  /**
   * Creates a user-defined label (`POST /crm/v4/associations/{from}/{to}/labels`); both directions get a
   * type id. Returns [from→to, to→from]. 409 when the pair already has the label.
   */
  createLabel(
    fromTypeId: string,
    toTypeId: string,
    input: { label: string; name: string; inverseLabel?: string | undefined },
  ): [AssociationTypeDefinition, AssociationTypeDefinition] {
    if (!this.#defs.has(pairKey(fromTypeId, toTypeId))) {
      throw validationError(`Object types ${fromTypeId} and ${toTypeId} can not be associated.`);
    }
    const taken = this.types(fromTypeId, toTypeId).some(
      (d) => d.label !== null && (d.label === input.label || d.name === input.name),
    );
    if (taken) throw hubSpotError(409, 'CONFLICT', `Association label '${input.label}' already exists.`);
    const forwardId = this.#nextTypeId++;
    const inverseId = this.#nextTypeId++;
    const forward: AssociationTypeDefinition = {
      fromTypeId,
      toTypeId,
      typeId: forwardId,
      category: 'USER_DEFINED',
      label: input.label,
      name: input.name,
      inverseTypeId: inverseId,
      isDefault: false,
    };
    const inverse: AssociationTypeDefinition = {
      fromTypeId: toTypeId,
      toTypeId: fromTypeId,
      typeId: inverseId,
      category: 'USER_DEFINED',
      label: input.inverseLabel ?? input.label,
      name: input.inverseLabel ? `${input.name}_inverse` : input.name,
      inverseTypeId: forwardId,
      isDefault: false,
    };
    this.#add(forward);
    this.#add(inverse);
    return [forward, inverse];
  }

  /** Types defined from one object type to another (labels list order: defaults first). */
  types(fromTypeId: string, toTypeId: string): AssociationTypeDefinition[] {
    return this.#defs.get(pairKey(fromTypeId, toTypeId)) ?? [];
  }

  /** Whether two object types may be associated. */
  hasPair(fromTypeId: string, toTypeId: string): boolean {
    return this.#defs.has(pairKey(fromTypeId, toTypeId));
  }

  /** The default (unlabeled) type of a pair. */
  defaultType(fromTypeId: string, toTypeId: string): AssociationTypeDefinition {
    const def = this.types(fromTypeId, toTypeId).find((d) => d.isDefault);
    if (!def) throw validationError(`Object types ${fromTypeId} and ${toTypeId} can not be associated.`);
    return def;
  }

  /** A type by id within a pair; 400 when the pair has no such type. */
  type(fromTypeId: string, toTypeId: string, typeId: number, category?: string): AssociationTypeDefinition {
    const def = this.types(fromTypeId, toTypeId).find(
      (d) => d.typeId === typeId && (category === undefined || d.category === category),
    );
    if (!def) {
      throw validationError(
        `association type id ${typeId} (${category ?? 'any category'}) doesn't exist between ${fromTypeId} and ${toTypeId}`,
      );
    }
    return def;
  }

  /** A label of a pair by its text (case-insensitive), or undefined. */
  typeByLabel(fromTypeId: string, toTypeId: string, label: string): AssociationTypeDefinition | undefined {
    const wanted = label.toLowerCase();
    return this.types(fromTypeId, toTypeId).find((d) => d.label !== null && d.label.toLowerCase() === wanted);
  }

  /**
   * Associates two records with the given types (the pair's default is always implied). `trusted` skips
   * the duplicate check: seeding passes each pair once, and scanning a company's million deals per add
   * would be quadratic.
   */
  associate(
    fromTypeId: string,
    fromId: number,
    toTypeId: string,
    toId: number,
    types: readonly AssociationTypeDefinition[],
    trusted = false,
  ): void {
    const labels = types.filter((t) => !t.isDefault);
    this.#link(
      pairKey(fromTypeId, toTypeId),
      fromId,
      toId,
      labels.map((t) => t.typeId),
      trusted,
    );
    this.#link(
      pairKey(toTypeId, fromTypeId),
      toId,
      fromId,
      labels.map((t) => t.inverseTypeId),
      trusted,
    );
  }

  /**
   * Bulk seeding: a writer that appends associations of one pair of types and one set of types with
   * no per-edge lookups (the edge maps and type ids are resolved once).
   */
  bulkWriter(
    fromTypeId: string,
    toTypeId: string,
    types: readonly AssociationTypeDefinition[],
  ): (fromId: number, toId: number) => void {
    const labels = types.filter((t) => !t.isDefault);
    const forwardIds = labels.length === 0 ? [DEFAULT_ONLY] : labels.map((t) => t.typeId);
    const inverseIds = labels.length === 0 ? [DEFAULT_ONLY] : labels.map((t) => t.inverseTypeId);
    const forward = this.#edgeMap(pairKey(fromTypeId, toTypeId));
    const inverse = this.#edgeMap(pairKey(toTypeId, fromTypeId));
    return (fromId, toId) => {
      let f = forward.get(fromId);
      if (!f) {
        f = [];
        forward.set(fromId, f);
      }
      for (const t of forwardIds) f.push(toId, t);
      let r = inverse.get(toId);
      if (!r) {
        r = [];
        inverse.set(toId, r);
      }
      for (const t of inverseIds) r.push(fromId, t);
    };
  }

  #edgeMap(key: string): Map<number, number[]> {
    let map = this.#edges.get(key);
    if (!map) {
      map = new Map();
      this.#edges.set(key, map);
    }
    return map;
  }

  /** Removes the given labels, or the whole association when `types` is undefined or names the default. */
  remove(
    fromTypeId: string,
    fromId: number,
    toTypeId: string,
    toId: number,
    types?: readonly AssociationTypeDefinition[],
  ): void {
    const all = types === undefined || types.some((t) => t.isDefault);
    this.#unlink(pairKey(fromTypeId, toTypeId), fromId, toId, all ? undefined : types.map((t) => t.typeId));
    this.#unlink(
      pairKey(toTypeId, fromTypeId),
      toId,
      fromId,
      all ? undefined : types.map((t) => t.inverseTypeId),
    );
  }

  /** Records associated with `fromId`, each with its types (labels, then the default), in id order. */
  read(fromTypeId: string, fromId: number, toTypeId: string): AssociatedRecord[] {
    const flat = this.#edges.get(pairKey(fromTypeId, toTypeId))?.get(fromId);
    if (!flat || flat.length === 0) return [];
    const defs = this.types(fromTypeId, toTypeId);
    const grouped = new Map<number, AssociationTypeDefinition[]>();
    for (let i = 0; i < flat.length; i += 2) {
      const toId = flat[i] ?? 0;
      const typeId = flat[i + 1] ?? 0;
      let list = grouped.get(toId);
      if (!list) {
        list = [];
        grouped.set(toId, list);
      }
      if (typeId !== DEFAULT_ONLY) {
        const def = defs.find((d) => d.typeId === typeId);
        if (def) list.push(def);
      }
    }
    const fallback = defs.find((d) => d.isDefault);
    const out: AssociatedRecord[] = [];
    for (const [toId, list] of grouped) {
      out.push({ toId, types: fallback ? [...list, fallback] : list });
    }
    out.sort((x, y) => x.toId - y.toId);
    return out;
  }

  /** Number of records associated with `fromId` (cheap; used by tests and benchmarks). */
  count(fromTypeId: string, fromId: number, toTypeId: string): number {
    return this.read(fromTypeId, fromId, toTypeId).length;
  }

  #add(def: AssociationTypeDefinition): void {
    const key = pairKey(def.fromTypeId, def.toTypeId);
    const list = this.#defs.get(key) ?? [];
    list.push(def);
    list.sort((x, y) => Number(y.isDefault) - Number(x.isDefault) || x.typeId - y.typeId);
    this.#defs.set(key, list);
  }

  #link(key: string, fromId: number, toId: number, typeIds: number[], trusted: boolean): void {
    const bySource = this.#edgeMap(key);
    let flat = bySource.get(fromId);
    if (!flat) {
      flat = [];
      bySource.set(fromId, flat);
    }
    if (trusted) {
      if (typeIds.length === 0) flat.push(toId, DEFAULT_ONLY);
      for (const typeId of typeIds) flat.push(toId, typeId);
      return;
    }
    let present = false;
    const existing = new Set<number>();
    for (let i = 0; i < flat.length; i += 2) {
      if (flat[i] === toId) {
        present = true;
        existing.add(flat[i + 1] ?? 0);
      }
    }
    const fresh = typeIds.filter((t) => !existing.has(t));
    if (!present && fresh.length === 0) {
      flat.push(toId, DEFAULT_ONLY);
      return;
    }
    if (fresh.length === 0) return;
    if (existing.has(DEFAULT_ONLY)) this.#drop(flat, toId, [DEFAULT_ONLY]);
    for (const typeId of fresh) flat.push(toId, typeId);
  }

  #unlink(key: string, fromId: number, toId: number, typeIds: number[] | undefined): void {
    const flat = this.#edges.get(key)?.get(fromId);
    if (!flat) return;
    if (typeIds === undefined) {
      this.#drop(flat, toId, undefined);
      return;
    }
    const had = flat.some((v, i) => i % 2 === 0 && v === toId);
    this.#drop(flat, toId, typeIds);
    const still = flat.some((v, i) => i % 2 === 0 && v === toId);
    if (had && !still) flat.push(toId, DEFAULT_ONLY);
  }

  #drop(flat: number[], toId: number, typeIds: number[] | undefined): void {
    let w = 0;
    for (let r = 0; r < flat.length; r += 2) {
      const id = flat[r] ?? 0;
      const typeId = flat[r + 1] ?? 0;
      const hit = id === toId && (typeIds === undefined || typeIds.includes(typeId));
      if (!hit) {
        flat[w] = id;
        flat[w + 1] = typeId;
        w += 2;
      }
    }
    flat.length = w;
  }
}
