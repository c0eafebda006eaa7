/**
 * Properties and property groups: `/crm/v3/properties/{objectType}` list, read, create (201, 409 on a
 * taken name), update, archive; groups list, read, create, update.
 * https://developers.hubspot.com/docs/api-reference/legacy/crm/properties/guide
 */
import { Router } from 'express';
import { param, parseBody, queryBool } from './http-helpers.js';
import {
  PropertyCreateSchema,
  type PropertyDefinition,
  PropertyGroupCreateSchema,
  type PropertyGroupDefinition,
  PropertyGroupUpdateSchema,
  PropertyUpdateSchema,
} from './property-definitions.js';
import type { HubSpotState } from './state.js';

/** A property as HubSpot answers it (Property in @hubspot/api-client). */
export function propertyJson(p: PropertyDefinition): Record<string, unknown> {
  return {
    updatedAt: new Date(p.updatedAt).toISOString(),
    createdAt: new Date(p.createdAt).toISOString(),
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options.map((o) => ({
      label: o.label,
      value: o.value,
      ...(o.description === undefined ? {} : { description: o.description }),
      displayOrder: o.displayOrder ?? -1,
      hidden: o.hidden,
    })),
    displayOrder: p.displayOrder,
    calculated: p.calculated,
    externalOptions: p.externalOptions ?? false,
    hasUniqueValue: p.hasUniqueValue,
    hidden: p.hidden,
    ...(p.hubspotDefined ? { hubspotDefined: true } : {}),
    ...(p.showCurrencySymbol === undefined ? {} : { showCurrencySymbol: p.showCurrencySymbol }),
    modificationMetadata: {
      archivable: p.archivable,
      readOnlyDefinition: p.readOnlyDefinition,
      readOnlyValue: p.readOnlyValue,
    },
    formField: p.formField,
    archived: p.archived,
    ...(p.archived ? { archivedAt: new Date(p.archivedAt ?? p.updatedAt).toISOString() } : {}),
  };
}

function groupJson(g: PropertyGroupDefinition) {
  return { name: g.name, label: g.label, displayOrder: g.displayOrder, archived: g.archived };
}

/** Routes of the properties API. */
export function propertyRoutes(state: HubSpotState): Router {
  const router = Router();

  router.get('/crm/v3/properties/:objectType/groups', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    res.json({ results: state.schemas.groups(def).map(groupJson) });
  });

  router.post('/crm/v3/properties/:objectType/groups', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const created = state.schemas.createGroup(def, parseBody(PropertyGroupCreateSchema, req.body));
    res.status(201).json(groupJson(created));
  });

  router.get('/crm/v3/properties/:objectType/groups/:groupName', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    res.json(groupJson(state.schemas.group(def, param(req, 'groupName'))));
  });

  router.patch('/crm/v3/properties/:objectType/groups/:groupName', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const patch = parseBody(PropertyGroupUpdateSchema, req.body);
    res.json(groupJson(state.schemas.updateGroup(def, param(req, 'groupName'), patch)));
  });

  router.get('/crm/v3/properties/:objectType', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    res.json({ results: state.schemas.properties(def, queryBool(req, 'archived')).map(propertyJson) });
  });

  router.post('/crm/v3/properties/:objectType', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const created = state.schemas.createProperty(def, parseBody(PropertyCreateSchema, req.body));
    res.status(201).json(propertyJson(created));
  });

  router.get('/crm/v3/properties/:objectType/:propertyName', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    res.json(propertyJson(state.schemas.property(def, param(req, 'propertyName'))));
  });

  router.patch('/crm/v3/properties/:objectType/:propertyName', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    const patch = parseBody(PropertyUpdateSchema, req.body);
    res.json(propertyJson(state.schemas.updateProperty(def, param(req, 'propertyName'), patch)));
  });

  router.delete('/crm/v3/properties/:objectType/:propertyName', (req, res) => {
    const def = state.type(param(req, 'objectType'));
    state.schemas.archiveProperty(def, param(req, 'propertyName'));
    res.status(204).end();
  });

  return router;
}
