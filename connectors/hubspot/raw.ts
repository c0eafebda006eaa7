/** HubSpot payload schemas (zod): every page and answer the connector reads is parsed through one of these. */
import { z } from 'zod';

const Id = z.union([z.string(), z.number()]).transform(String);
/** HubSpot sends every property value as a string (or null). */
const Properties = z.record(z.string(), z.string().nullable());

/** A CRM object as list, search and batch endpoints return it (SimplePublicObject). */
export const HubSpotObjectSchema = z.object({
  id: Id,
  properties: Properties.default({}),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  archived: z.boolean().optional(),
  archivedAt: z.string().optional(),
});
export type HubSpotObject = z.infer<typeof HubSpotObjectSchema>;

const NextPaging = z.object({ next: z.object({ after: z.string() }).optional() }).optional();

/** `GET /crm/v3/objects/{objectType}`: the last page has no `paging`. */
export const HubSpotListPageSchema = z.object({
  results: z.array(HubSpotObjectSchema),
  paging: NextPaging,
});

/** `POST /crm/v3/objects/{objectType}/search`. */
export const HubSpotSearchPageSchema = z.object({
  total: z.number().int(),
  results: z.array(HubSpotObjectSchema),
  paging: NextPaging,
});

/** One error of a batch answer (`207` multi-status): the ids it concerns sit in `context.ids`. */
export const HubSpotBatchErrorSchema = z.object({
  status: z.string().optional(),
  category: z.string().default('UNKNOWN'),
  subCategory: z.unknown().optional(),
  message: z.string().default(''),
  context: z.record(z.string(), z.array(z.string())).default({}),
  errors: z
    .array(
      z.object({ message: z.string().optional(), in: z.string().optional(), code: z.string().optional() }),
    )
    .optional(),
});
export type HubSpotBatchError = z.infer<typeof HubSpotBatchErrorSchema>;

/** Batch read / update answers (200, or 207 with `errors`). */
export const HubSpotBatchObjectsSchema = z.object({
  status: z.string().optional(),
  results: z.array(HubSpotObjectSchema).default([]),
  errors: z.array(HubSpotBatchErrorSchema).default([]),
  numErrors: z.number().int().optional(),
});

/** `POST /crm/v4/associations/{from}/{to}/batch/read`. */
export const HubSpotAssociationBatchSchema = z.object({
  results: z
    .array(
      z.object({
        from: z.object({ id: Id }),
        to: z.array(
          z.object({
            toObjectId: Id,
            associationTypes: z
              .array(
                z.object({
                  category: z.string().optional(),
                  typeId: z.number().int(),
                  label: z.string().nullable().optional(),
                }),
              )
              .default([]),
          }),
        ),
        paging: NextPaging,
      }),
    )
    .default([]),
  errors: z.array(HubSpotBatchErrorSchema).default([]),
});

/** A property definition (`/crm/v3/properties/{objectType}`). */
export const HubSpotPropertySchema = z.object({
  name: z.string(),
  label: z.string().optional(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string().optional(),
  options: z
    .array(
      z.object({
        label: z.string(),
        value: z.string(),
        displayOrder: z.number().optional(),
        hidden: z.boolean().optional(),
      }),
    )
    .default([]),
  calculated: z.boolean().optional(),
  hidden: z.boolean().optional(),
  modificationMetadata: z
    .object({ readOnlyValue: z.boolean().optional(), readOnlyDefinition: z.boolean().optional() })
    .optional(),
  archived: z.boolean().optional(),
});
export type HubSpotProperty = z.infer<typeof HubSpotPropertySchema>;
export const HubSpotPropertiesSchema = z.object({ results: z.array(HubSpotPropertySchema) });

export const HubSpotPropertyGroupsSchema = z.object({
  results: z.array(z.object({ name: z.string(), label: z.string().optional() })),
});

/** Custom object schemas (`/crm-object-schemas/v3/schemas`). */
export const HubSpotObjectSchemaSchema = z.object({
  name: z.string(),
  objectTypeId: z.string(),
  fullyQualifiedName: z.string().optional(),
  properties: z.array(HubSpotPropertySchema).default([]),
});
export const HubSpotSchemasSchema = z.object({ results: z.array(HubSpotObjectSchemaSchema) });

/** A list (PublicObjectList) as Lists v3 answers it. */
export const HubSpotListSchema = z.object({
  listId: Id,
  name: z.string(),
  objectTypeId: z.string(),
  processingType: z.string(),
  /** A search hit's extras, all strings: `hs_list_size`, last add and removal times. */
  additionalProperties: z.record(z.string(), z.string()).optional(),
});
export type HubSpotList = z.infer<typeof HubSpotListSchema>;
export const HubSpotListSearchSchema = z.object({
  lists: z.array(HubSpotListSchema),
  hasMore: z.boolean(),
  offset: z.number().int(),
  total: z.number().int().optional(),
});
export const HubSpotListEnvelopeSchema = z.object({ list: HubSpotListSchema });
export const HubSpotListMembershipsSchema = z.object({
  results: z.array(z.object({ recordId: Id })),
  paging: NextPaging,
});
/** The answer of add / remove / add-and-remove; the reference shows `recordIdsAdded`, answers `recordsIdsAdded`. */
export const HubSpotMembershipChangeSchema = z
  .object({
    recordsIdsAdded: z.array(Id).optional(),
    recordIdsAdded: z.array(Id).optional(),
    recordIdsRemoved: z.array(Id).default([]),
    recordIdsMissing: z.array(Id).default([]),
  })
  .transform(({ recordsIdsAdded, recordIdsAdded, ...rest }) => ({
    ...rest,
    recordsIdsAdded: recordsIdsAdded ?? recordIdsAdded ?? [],
  }));

/** `POST /oauth/v1/token`. */
export const HubSpotTokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().int().positive(),
});

/** `GET /oauth/v1/access-tokens/{token}`. */
export const HubSpotTokenInfoSchema = z.object({
  hub_id: z.number().int(),
  user: z.string().nullable().optional(),
  scopes: z.array(z.string()).default([]),
  app_id: z.number().int().optional(),
});

/** `GET /account-info/v3/details`. */
export const HubSpotAccountDetailsSchema = z.object({
  portalId: z.number().int(),
  timeZone: z.string().optional(),
  dataHostingLocation: z.string().optional(),
});

/** HubSpot's error body (`category`, `message`) and the 429 body (`errorType`, `policyName`). */
export const HubSpotErrorBodySchema = z
  .object({
    message: z.string().optional(),
    category: z.string().optional(),
    subCategory: z.unknown().optional(),
    errorType: z.string().optional(),
    policyName: z.string().optional(),
    correlationId: z.string().optional(),
    status: z.string().optional(),
  })
  .loose();
export type HubSpotErrorBody = z.infer<typeof HubSpotErrorBodySchema>;

/** `GET /crm/v4/associations/{fromObjectType}/{toObjectType}/labels`: the association types defined between two objects. */
export const HubSpotAssociationLabelsSchema = z.object({
  results: z.array(
    z.object({
      category: z.string(),
      typeId: z.number().int(),
      /** null for the default, unlabelled association. */
      label: z.string().nullable().optional(),
    }),
  ),
});
