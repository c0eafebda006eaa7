/**
 * Custom object schemas: `GET|POST /crm/v3/schemas` and `GET /crm/v3/schemas/{objectType}` (also under
 * `/crm-object-schemas/v3/schemas`, the path @hubspot/api-client calls).
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/custom-objects/guide
 */
import { Router } from 'express';
import { forbidden, notFound } from './errors.js';
import { param, parseBody } from './http-helpers.js';
import type { ObjectTypeDefinition } from './object-types.js';
import { propertyJson } from './routes-properties.js';
import { ObjectSchemaEggSchema } from './schema-registry.js';
import type { HubSpotState } from './state.js';

/** A custom object schema as HubSpot answers it (ObjectSchema). */
function schemaJson(state: HubSpotState, def: ObjectTypeDefinition) {
  const associations = state.schemas
    .all()
    .filter((to) => to !== def)
    .flatMap((to) =>
      state.associations
        .types(def.objectTypeId, to.objectTypeId)
        .filter((t) => t.isDefault)
        .map((t) => ({
          fromObjectTypeId: def.objectTypeId,
          toObjectTypeId: to.objectTypeId,
          name: t.name,
          id: String(t.typeId),
        })),
    );
  return {
    id: def.schemaId ?? def.objectTypeId,
    createdAt: new Date(def.createdAt).toISOString(),
    updatedAt: new Date(def.updatedAt).toISOString(),
    labels: def.labels,
    requiredProperties: def.requiredProperties,
    searchableProperties: def.searchableProperties,
    primaryDisplayProperty: def.primaryDisplayProperty,
    secondaryDisplayProperties: def.secondaryDisplayProperties,
    ...(def.description === undefined ? {} : { description: def.description }),
    archived: false,
    metaType: 'PORTAL_SPECIFIC',
    fullyQualifiedName: def.fullyQualifiedName,
    name: def.name,
    objectTypeId: def.objectTypeId,
    properties: state.schemas.properties(def).map(propertyJson),
    associations,
  };
}

/** Routes of the schemas API under both of HubSpot's base paths. */
export function schemaRoutes(state: HubSpotState): Router {
  const router = Router();
  for (const base of ['/crm/v3/schemas', '/crm-object-schemas/v3/schemas']) {
    router.get(base, (_req, res) => {
      res.json({ results: state.schemas.customTypes().map((d) => schemaJson(state, d)) });
    });
    router.post(base, (req, res) => {
      if (!state.customObjects) {
        throw forbidden(
          'This portal does not have access to custom objects: they need a Marketing, Sales, Service, Content or Data Hub Enterprise subscription.',
        );
      }
      const def = state.createCustomObject(parseBody(ObjectSchemaEggSchema, req.body));
      res.status(201).json(schemaJson(state, def));
    });
    router.get(`${base}/:objectType`, (req, res) => {
      const def = state.schemas.find(param(req, 'objectType'));
      if (!def?.custom) throw notFound(`Unable to find object type ${param(req, 'objectType')}`);
      res.json(schemaJson(state, def));
    });
  }
  return router;
}
