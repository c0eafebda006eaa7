/** The OpenAPI 3.1 document of the admin API, generated from the zod schemas the routes validate with. */
import { z } from 'zod';
import type { RegisteredRoute } from './api-routes.js';

const ErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    field: z.string().optional().describe('The offending query parameter, path parameter or body field'),
    code: z.string().optional(),
    problems: z.array(z.unknown()).optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // `unrepresentable: 'any'`: transforms and brands document as their input shape instead of throwing.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/** Express `:name` segments become OpenAPI `{name}`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const doc = jsonSchema(schema, 'input');
  const properties = (doc.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set(Array.isArray(doc.required) ? doc.required : []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** Builds the document; every route answers 401 without credentials and 400 for bad input. */
export function buildOpenApi(routes: readonly RegisteredRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: jsonSchema(ErrorSchema, 'output') } },
  });
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      description: `Needs the ${route.role} role or above.`,
      'x-required-role': route.role,
      tags: [route.tag],
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.status)]: {
          description: 'OK',
          content: {
            [route.mediaType ?? 'application/json']: { schema: jsonSchema(route.response, 'output') },
          },
        },
        '400': errorResponse('Invalid input; `error.field` names the offending field'),
        '401': errorResponse('Not signed in and no valid bearer token'),
        '403': errorResponse(`Signed in below the ${route.role} role (the message names both roles)`),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Partner Atlas admin API',
      version: '1',
      description:
        'Ecosystem map, partners, matching, runs and mappings. Authenticate with the session cookie of the sign-in page (then send the x-csrf-token header on changes) or with Authorization: Bearer <a user token or ATLAS_ADMIN_TOKEN>. Roles: viewer reads, editor also changes mappings, overrides and reviews, admin does everything; each operation says the least role it needs (x-required-role).',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
