/** Every code an AtlasError carries, grouped by the layer that throws it, so a misspelt code fails the type check. */
import { z } from 'zod';

/** Command line and configuration: the user fixes an argument, a variable or a file, then runs again. */
const CONFIG_CODES = [
  'USAGE', // a bad CLI argument, or something named on the command line that does not exist (exit code 2)
  'CONFIG_INVALID', // an environment variable or connector option is missing or malformed (exit code 2)
  'STORE_CONFIG_INVALID', // ATLAS_DB / DATABASE_URL / the store options do not parse
  'SERVER_CONFIG_INVALID', // the admin server cannot start as configured (e.g. ATLAS_ADMIN_TOKEN too short)
] as const;

/** The store: driver failures classified by store/store-errors.ts, then the store's own refusals. */
const STORE_CODES = [
  'STORE_READ_ONLY', // the file, the server or the open mode accepts no writes
  'STORE_CORRUPT', // the database reports damaged data or is not a database
  'STORE_BUSY', // a lock or serialization conflict outlasted the wait: retry
  'STORE_FULL', // the disk is full
  'STORE_IO_ERROR', // the disk reported an I/O error
  'STORE_CANT_OPEN', // the file or its folder cannot be created or opened
  'STORE_UNAVAILABLE', // the database server cannot be reached
  'STORE_PERMISSION_DENIED', // this user may not write the file, or lacks a privilege on a table
  'STORE_CONSTRAINT', // a write broke a uniqueness or reference rule; nothing of it was kept
  'STORE_ERROR', // any other driver failure
  'STORE_INVALID_INPUT', // a caller handed the store a malformed value (e.g. a timestamp)
  'STORE_ROW_INVALID', // a row read back does not hold what Atlas wrote (context: table, rowId, column)
  'STORE_RUN_NOT_FOUND', // no run with that id
  'STORE_RECORD_NOT_FOUND', // no user, override or demotion review with that id
  'STORE_EMPTY', // the store holds no partners yet: run a sync first
  'STORE_MISSING', // a reading command found no store file where it looked (names the file and --db)
] as const;

/** Mapping files and what they compile to (MappingError carries the located problems). */
const MAPPING_CODES = [
  'MAPPING_INVALID', // a mapping file, or a value it maps, breaks the mapping rules
  'MAPPING_ENTITY_MISSING', // a step needs an entity the system's mapping does not read
  'MAPPING_FIELD_UNKNOWN', // a model field name that the entity does not have
  'MAPPING_UNSUPPORTED', // valid mapping the CRM's API cannot express (e.g. too many HubSpot filters)
] as const;

/** The scoring engine's refusals of its inputs. */
const ENGINE_CODES = [
  'ENGINE_BAD_CONFIG', // the scoring configuration is inconsistent
  'ENGINE_BAD_NOW', // `now` is not an ISO date or datetime
  'ENGINE_BAD_OPPORTUNITY', // a match request does not parse
  'ENGINE_BAD_TAXONOMY', // taxonomy keys repeat
  'ENGINE_UNKNOWN_CELL', // no such sector × technology cell in the taxonomy
  'ENGINE_UNKNOWN_LEVEL', // no such level on the ladder
  'ENGINE_UNKNOWN_PARTNER', // no such partner in the scored run
  'ENGINE_UNKNOWN_SECTOR', // no such sector in the taxonomy
  'ENGINE_UNKNOWN_TECHNOLOGY', // no such technology in the taxonomy
  'ENGINE_UNSORTED_SNAPSHOT', // two snapshots to compare are not in cell order
] as const;

/** Runs and the admin server (HTTP_* codes map to their status in server/http-errors.ts). */
const RUN_AND_SERVER_CODES = [
  'RUN_LOCKED', // another run holds the run lock
  'RUN_NOT_STARTED', // the pipeline ended without creating its run record
  'SERVER_NO_SCORES', // no run has scored the ecosystem yet
  'SERVER_PORT_IN_USE', // another process listens on the admin server's port: stop it or pick another
  'HTTP_BAD_REQUEST', // 400
  'HTTP_UNAUTHORIZED', // 401
  'HTTP_FORBIDDEN', // 403
  'HTTP_NOT_FOUND', // 404
  'HTTP_CONFLICT', // 409
  'HTTP_PAYLOAD_TOO_LARGE', // 413
] as const;

/** Connectors (see CONNECTOR_ERRORS in connectors/types.ts for the four every connector throws). */
const CONNECTOR_CODES = [
  'API_BUDGET_REACHED', // the run's API budget or the CRM's daily quota is spent; the run ends partial
  'AUTH_FAILED', // credentials missing, rejected or not refreshable
  'CRM_UNREACHABLE', // the CRM host does not resolve or does not answer in time (names the host and its variable)
  'SCHEMA_DRIFT', // a mapped field or property is missing or unreadable in the CRM
  'CURSOR_INVALID', // a saved cursor does not parse; that entity is read in full
  'CRM_API_ERROR', // a CRM call failed without a vendor code of its own
  'ABORTED', // the caller's AbortSignal stopped the call
  'UNKNOWN_OBJECT', // the CRM has no such object the integration user can read
  'BULK_JOB_FAILED', // a Salesforce Bulk API 2.0 job ended failed or aborted
  'BULK_JOB_TIMEOUT', // a Salesforce Bulk API 2.0 job did not finish in time
  'FIELD_NOT_PROVISIONED', // a write-back field does not exist yet: run `atlas provision`
  'CUSTOM_OBJECTS_UNAVAILABLE', // the HubSpot portal's subscription allows no custom objects (per-cell records)
  'LIST_VIEW_FILTER_VALUE', // a segment value a Salesforce list view filter cannot hold
  'PICKLIST_TOO_MANY_VALUES', // a picklist would exceed Salesforce's value limit
  'PICKLIST_VALUE_INVALID', // a value a Salesforce picklist cannot hold
  'PROVISION_ASSIGNMENT_FAILED', // Salesforce refused some viewer permission set assignments
  'PROVISION_NO_PERMISSION_SET', // the permission set was not found after creating it
  'PROVISION_NO_USER', // the integration user's id cannot be told from the session
  'PROVISION_NO_WRITEBACK', // the mapping has no write-back section to provision
  'SOQL_INVALID_FIELD', // not a Salesforce field path
  'SOQL_INVALID_OBJECT', // not an sObject name
  'SOQL_INVALID_VALUE', // a value SOQL cannot compare with
] as const;

/** Thrown only in devkit/ (emulators, seeder, demo); listed here because the product never imports devkit. */
const DEVKIT_CODES = [
  'DEMO_FAILED', // the demo run did not succeed
  'EMULATOR_SEED_TARGET', // nothing (or something impossible) to seed
  'EMULATOR_DUPLICATE_ID', // the Salesforce emulator already holds that id
  'EMULATOR_UNKNOWN_OBJECT', // the Salesforce emulator models no such sObject
  'EMULATOR_UNKNOWN_FIELD', // the Salesforce emulator models no such field
  'EMULATOR_UNSUPPORTED_FIELD_TYPE', // a CustomField type the Salesforce emulator does not model
  'EMULATOR_WORKER_MISUSE', // the worker module was run outside a worker thread
  'EMULATOR_WORKER_FAILED', // an emulator worker crashed or exited
  'EMULATOR_WORKER_CLOSED', // the emulator was used after closing
  'EMULATOR_WORKER_PROTOCOL', // a worker answered out of turn
  'EMULATOR_TRUTH_FAILED', // the worker could not write the ground-truth file
  'EMULATOR_CLOSE_FAILED', // the worker could not close its emulator
  'HUBSPOT_EMULATOR_REFUSED', // the HubSpot emulator refused a request (its status and body say why)
] as const;

export const ERROR_CODES = [
  ...CONFIG_CODES,
  ...STORE_CODES,
  ...MAPPING_CODES,
  ...ENGINE_CODES,
  ...RUN_AND_SERVER_CODES,
  ...CONNECTOR_CODES,
  ...DEVKIT_CODES,
] as const;

/** For codes that cross a boundary as text (e.g. a worker thread's message). */
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export type StoreErrorCode = (typeof STORE_CODES)[number];

/**
 * A CRM's own error code, passed through as the code of a CrmApiError (Salesforce `UNABLE_TO_LOCK_ROW`,
 * HubSpot `VALIDATION_ERROR`, `HTTP_503`). Open-ended, so it is branded: only a parse makes one.
 */
export const VendorErrorCodeSchema = z.string().brand('VendorErrorCode');
export type VendorErrorCode = z.infer<typeof VendorErrorCodeSchema>;
