/** Object types, properties and property groups of the emulator portal, with the writes the API allows. */
import { z } from 'zod';
import { alreadyExists, notFound, validationError } from './errors.js';
import type { ObjectTypeDefinition } from './object-types.js';
import {
  FIELD_TYPES_BY_TYPE,
  FieldTypeSchema,
  type PropertyCreate,
  PropertyCreateSchema,
  type PropertyDefinition,
  type PropertyGroupCreate,
  type PropertyGroupDefinition,
  PropertyNameSchema,
  PropertyOptionSchema,
  PropertyTypeSchema,
  type PropertyUpdate,
  userDefinedProperty,
} from './property-definitions.js';

/** Body of `POST /crm/v3/schemas` (ObjectSchemaEgg in @hubspot/api-client). */
export const ObjectSchemaEggSchema = z.object({
  name: PropertyNameSchema,
  description: z.string().optional(),
  labels: z.object({ singular: z.string().min(1), plural: z.string().min(1) }),
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).default([]),
  searchableProperties: z.array(z.string()).default([]),
  requiredProperties: z.array(z.string()).default([]),
  /** Object types to associate with: `CONTACT`, `COMPANY`, `DEAL` ... or object type ids. */
  associatedObjects: z.array(z.string()).default([]),
  properties: z.array(
    z.object({
      name: PropertyNameSchema,
      label: z.string().min(1),
      type: PropertyTypeSchema,
      fieldType: FieldTypeSchema,
      groupName: z.string().optional(),
      description: z.string().optional(),
      options: z.array(PropertyOptionSchema).optional(),
      displayOrder: z.number().int().optional(),
      hasUniqueValue: z.boolean().optional(),
      hidden: z.boolean().optional(),
      formField: z.boolean().optional(),
    }),
  ),
});
export type ObjectSchemaEgg = z.infer<typeof ObjectSchemaEggSchema>;

/** Singular names HubSpot accepts in `associatedObjects`. */
const ASSOCIATED_OBJECT_ALIASES: Record<string, string> = {
  CONTACT: '0-1',
  COMPANY: '0-2',
  DEAL: '0-3',
  LINE_ITEM: '0-8',
};

/** The portal's object types. Lookups accept the name, the objectTypeId and, for custom objects, `p<portal>_name` or `p_name`. */
export class SchemaRegistry {
  readonly #byId = new Map<string, ObjectTypeDefinition>();
  readonly #byAlias = new Map<string, ObjectTypeDefinition>();
  readonly portalId: number;
  #nextCustomId: number;
  readonly #now: () => number;

  constructor(portalId: number, now: () => number, firstCustomObjectNumber = 5_000_001) {
    this.portalId = portalId;
    this.#now = now;
    this.#nextCustomId = firstCustomObjectNumber;
  }

  /** Registers a type (standard ones at start, custom ones through `createCustomObject`). */
  add(def: ObjectTypeDefinition): ObjectTypeDefinition {
    this.#byId.set(def.objectTypeId, def);
    for (const alias of [def.objectTypeId, def.name, def.fullyQualifiedName]) {
      this.#byAlias.set(alias.toLowerCase(), def);
    }
    if (def.custom) this.#byAlias.set(`p_${def.name}`, def);
    return def;
  }

  /** Every type, standard first. */
  all(): ObjectTypeDefinition[] {
    return [...this.#byId.values()];
  }

  /** The type named by a path segment, or undefined. */
  find(objectType: string): ObjectTypeDefinition | undefined {
    const key = objectType.toLowerCase();
    const found = this.#byAlias.get(key);
    // A bare custom object name is not an API name: HubSpot wants the objectTypeId or fully qualified name.
    if (found?.custom && key === found.name) return undefined;
    return found;
  }

  /** The type named by a path segment; 400 like HubSpot's "Unable to infer object type" otherwise. */
  resolve(objectType: string): ObjectTypeDefinition {
    const def = this.find(objectType);
    if (!def) throw validationError(`Unable to infer object type from: ${objectType}`);
    return def;
  }

  /** The type an `associatedObjects` entry names (`COMPANY`, `0-2`, `companies`). */
  resolveAssociatedObject(entry: string): ObjectTypeDefinition {
    const id = ASSOCIATED_OBJECT_ALIASES[entry.toUpperCase()];
    return this.resolve(id ?? entry);
  }

  /** Custom object types only (what `GET /crm/v3/schemas` lists). */
  customTypes(): ObjectTypeDefinition[] {
    return this.all().filter((d) => d.custom);
  }

  /** Creates a custom object type; 409 when the name is taken. */
  createCustomObject(egg: ObjectSchemaEgg): ObjectTypeDefinition {
    if (this.all().some((d) => d.name === egg.name)) {
      throw alreadyExists(`Object type with name ${egg.name} already exists.`);
    }
    const at = this.#now();
    const n = this.#nextCustomId++;
    const group = `${egg.name}_information`;
    const def: ObjectTypeDefinition = {
      objectTypeId: `2-${n}`,
      name: egg.name,
      fullyQualifiedName: `p${this.portalId}_${egg.name}`,
      singularName: egg.name.replace(/s$/, ''),
      labels: egg.labels,
      custom: true,
      idBase: 500_000_000 + (n % 10) * 50_000_000,
      createdDateProperty: 'hs_createdate',
      modifiedDateProperties: ['hs_lastmodifieddate'],
      defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
      searchableProperties: egg.searchableProperties,
      primaryDisplayProperty: egg.primaryDisplayProperty ?? egg.requiredProperties[0] ?? 'hs_object_id',
      secondaryDisplayProperties: egg.secondaryDisplayProperties,
      requiredProperties: egg.requiredProperties,
      schemaId: String(n),
      ...(egg.description === undefined ? {} : { description: egg.description }),
      createdAt: at,
      updatedAt: at,
      groups: new Map([
        [
          group,
          { name: group, label: `${egg.labels.singular} information`, displayOrder: 0, archived: false },
        ],
      ]),
      properties: new Map(),
    };
    const system: Array<[string, string, 'number' | 'datetime']> = [
      ['hs_object_id', 'Record ID', 'number'],
      ['hs_createdate', 'Object create date/time', 'datetime'],
      ['hs_lastmodifieddate', 'Object last modified date/time', 'datetime'],
    ];
    for (const [name, label, type] of system) {
      def.properties.set(name, {
        ...PropertyCreateSchema.parse({
          name,
          label,
          type,
          fieldType: type === 'number' ? 'number' : 'date',
          groupName: group,
        }),
        hubspotDefined: true,
        calculated: false,
        readOnlyValue: name !== 'hs_createdate',
        readOnlyDefinition: true,
        archivable: false,
        createdAt: at,
        updatedAt: at,
        archived: false,
      });
    }
    for (const p of egg.properties) {
      const create = PropertyCreateSchema.parse({ ...p, groupName: p.groupName ?? group });
      this.#checkFieldType(create);
      def.properties.set(create.name, userDefinedProperty(create, at));
    }
    for (const required of egg.requiredProperties) {
      if (!def.properties.has(required)) {
        throw validationError(`Required property ${required} is not among the schema's properties.`);
      }
    }
    return this.add(def);
  }

  /** Live (not archived) properties of a type, or archived ones only. */
  properties(def: ObjectTypeDefinition, archived = false): PropertyDefinition[] {
    return [...def.properties.values()].filter((p) => p.archived === archived);
  }

  /** A live property; 404 like HubSpot otherwise. */
  property(def: ObjectTypeDefinition, name: string): PropertyDefinition {
    const p = def.properties.get(name);
    if (!p || p.archived)
      throw notFound(`Unable to find property with name ${name} on object type ${def.objectTypeId}`);
    return p;
  }

  /** Creates a property; 409 `Property named 'x' already exists.` when the name is taken. */
  createProperty(def: ObjectTypeDefinition, input: PropertyCreate): PropertyDefinition {
    const existing = def.properties.get(input.name);
    if (existing && !existing.archived) {
      throw alreadyExists(`Property named '${input.name}' already exists.`);
    }
    if (!def.groups.has(input.groupName)) {
      throw validationError(
        `Property group '${input.groupName}' does not exist on object type ${def.objectTypeId}.`,
      );
    }
    this.#checkFieldType(input);
    const at = this.#now();
    const created = userDefinedProperty(input, at);
    def.properties.set(input.name, created);
    return created;
  }

  /** Updates a property's definition; HubSpot-defined read-only definitions refuse. */
  updateProperty(def: ObjectTypeDefinition, name: string, patch: PropertyUpdate): PropertyDefinition {
    const current = this.property(def, name);
    if (patch.groupName !== undefined && !def.groups.has(patch.groupName)) {
      throw validationError(
        `Property group '${patch.groupName}' does not exist on object type ${def.objectTypeId}.`,
      );
    }
    if (current.readOnlyDefinition && (patch.type !== undefined || patch.fieldType !== undefined)) {
      throw validationError(`The type of HubSpot-defined property ${name} can not be changed.`);
    }
    const next: PropertyDefinition = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      updatedAt: this.#now(),
    };
    this.#checkFieldType(next);
    def.properties.set(name, next);
    return next;
  }

  /** Archives (soft-deletes) a custom property. */
  archiveProperty(def: ObjectTypeDefinition, name: string): void {
    const current = this.property(def, name);
    if (!current.archivable)
      throw validationError(`Property ${name} is HubSpot-defined and can not be archived.`);
    def.properties.set(name, { ...current, archived: true, archivedAt: this.#now(), updatedAt: this.#now() });
  }

  /** Live groups of a type. */
  groups(def: ObjectTypeDefinition): PropertyGroupDefinition[] {
    return [...def.groups.values()].filter((g) => !g.archived);
  }

  group(def: ObjectTypeDefinition, name: string): PropertyGroupDefinition {
    const g = def.groups.get(name);
    if (!g || g.archived) throw notFound(`Unable to find property group with name ${name}`);
    return g;
  }

  /** Creates a group; 409 when the name is taken. */
  createGroup(def: ObjectTypeDefinition, input: PropertyGroupCreate): PropertyGroupDefinition {
    const existing = def.groups.get(input.name);
    if (existing && !existing.archived) {
      throw alreadyExists(`Property group named '${input.name}' already exists.`);
    }
    const created = { ...input, archived: false };
    def.groups.set(input.name, created);
    return created;
  }

  updateGroup(def: ObjectTypeDefinition, name: string, patch: { label?: string; displayOrder?: number }) {
    const current = this.group(def, name);
    const next = {
      ...current,
      ...(patch.label === undefined ? {} : { label: patch.label }),
      ...(patch.displayOrder === undefined ? {} : { displayOrder: patch.displayOrder }),
    };
    def.groups.set(name, next);
    return next;
  }

  #checkFieldType(p: Pick<PropertyCreate, 'name' | 'type' | 'fieldType' | 'options'>): void {
    if (!FIELD_TYPES_BY_TYPE[p.type].includes(p.fieldType)) {
      throw validationError(`Property ${p.name}: fieldType ${p.fieldType} is not valid for type ${p.type}.`);
    }
    if (p.type === 'enumeration' && p.fieldType !== 'booleancheckbox' && p.options.length === 0) {
      throw validationError(`Property ${p.name}: an enumeration property needs options.`);
    }
  }
}
