/** The parsed mapping of a CRM, and the parts connectors and the pipeline consume. */
import type { z } from 'zod';
import type { WritebackOf } from '../../connectors/registry.js';
import type { CrmSystem } from '../model/index.js';
import type { MappingSchema } from './mapping-schema.js';

/** A validated `mappings/<system>.yaml` (`salesforce.yaml`, `hubspot.yaml`). */
export type ConnectorMapping = z.infer<MappingSchema>;

/** The mapping of one system, its write-back section typed as that system's plugin declares it. */
export type CrmMapping<S extends CrmSystem> = Omit<ConnectorMapping, 'system' | 'writeback'> & {
  system: S;
  writeback?: WritebackOf<S> | undefined;
};

/** The mapping of one entity (object, filter, fields and, for deals, partner linkage). */
export type PartnersMapping = ConnectorMapping['entities']['partners'];
export type DealsMapping = NonNullable<ConnectorMapping['entities']['deals']>;
export type CertificationsMapping = NonNullable<ConnectorMapping['entities']['certifications']>;
export type PeopleMapping = NonNullable<ConnectorMapping['entities']['people']>;
