/** The parsed mapping of either CRM, and the parts connectors and the pipeline consume. */
import type { HubSpotMapping } from './hubspot-mapping-schema.js';
import type { SalesforceMapping } from './salesforce-mapping-schema.js';

/** A validated `salesforce.yaml` or `hubspot.yaml`. */
export type ConnectorMapping = SalesforceMapping | HubSpotMapping;

/** The mapping of one entity (object, filter, fields and, for deals, partner linkage). */
export type PartnersMapping = ConnectorMapping['entities']['partners'];
export type DealsMapping = NonNullable<ConnectorMapping['entities']['deals']>;
export type CertificationsMapping = NonNullable<ConnectorMapping['entities']['certifications']>;
export type PeopleMapping = NonNullable<ConnectorMapping['entities']['people']>;
