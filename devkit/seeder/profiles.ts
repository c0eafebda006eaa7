/**
 * The emulator profiles: what the org and the portal hold (objects, fields, association labels) and how
 * the seed fills them. A profile never changes how the emulated APIs answer, only what the CRMs contain.
 */
import { z } from 'zod';
import type { DealRole } from '../../src/model/deal.js';
import type { SalesforceOrgShape } from '../emulators/salesforce/schema.js';

export const EmulatorProfileNameSchema = z.enum(['prm', 'plain'], {
  error: '--profile is prm or plain',
});
export type EmulatorProfileName = z.infer<typeof EmulatorProfileNameSchema>;

/** Where the seed writes certifications in Salesforce: the object and its field for each fact. */
export interface SalesforceCertificationTarget {
  object: string;
  fields: {
    partner: string;
    holder: string;
    technology: string;
    industry: string;
    level: string;
    earned: string;
    expiry: string;
  };
}

export interface EmulatorProfile {
  /** One line for `--help` and the start banner. */
  summary: string;
  salesforce: {
    shape: SalesforceOrgShape;
    certifications: SalesforceCertificationTarget;
    /** Account.Type of a customer buying direct or through the channel (values of the org's picklist). */
    customerTypes: { direct: string; channel: string };
    /**
     * Share of deals naming their partners on the Opportunity Partners related list rather than the
     * PartnerAccountId / Delivery_Partner__c lookups; 1 where the org has no such lookups.
     */
    junctionShare: number;
  };
  hubspot: {
    /** Whether the portal has the `certifications` custom object (else it has no custom object at all). */
    certifications: boolean;
    /** The USER_DEFINED deal → company label the portal's admins made for each partner role. */
    roleLabels: Record<DealRole, string>;
  };
}

export const EMULATOR_PROFILES: Record<EmulatorProfileName, EmulatorProfile> = {
  prm: {
    summary:
      "Salesforce with partner relationship management, multiple currencies and Atlas's custom fields; HubSpot with a certifications object",
    salesforce: {
      shape: 'prm',
      certifications: {
        object: 'Partner_Certification__c',
        fields: {
          partner: 'Partner_Account__c',
          holder: 'Contact__c',
          technology: 'Technology__c',
          industry: 'Industry__c',
          level: 'Level__c',
          earned: 'Earned_Date__c',
          expiry: 'Expiry_Date__c',
        },
      },
      customerTypes: { direct: 'Customer - Direct', channel: 'Customer - Channel' },
      junctionShare: 0.25,
    },
    hubspot: {
      certifications: true,
      roleLabels: { sourced: 'Partner', delivered: 'Delivery partner', influenced: 'Influencer' },
    },
  },
  plain: {
    summary:
      'Salesforce without partner relationship management, in one currency, certifications in its own Certification__c; HubSpot without custom objects, partners labelled Reseller / Implementation partner / Advisor',
    salesforce: {
      shape: 'plain',
      certifications: {
        object: 'Certification__c',
        fields: {
          partner: 'Account__c',
          holder: 'Holder__c',
          technology: 'Product_Line__c',
          industry: 'Vertical__c',
          level: 'Certification_Level__c',
          earned: 'Achieved__c',
          expiry: 'Expires__c',
        },
      },
      customerTypes: { direct: 'Customer', channel: 'Customer' },
      junctionShare: 1,
    },
    hubspot: {
      certifications: false,
      roleLabels: { sourced: 'Reseller', delivered: 'Implementation partner', influenced: 'Advisor' },
    },
  },
};

/** The internal name sent with a new label, as the v4 labels API asks for one (`Implementation partner` → `implementation_partner`). */
export function associationLabelName(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** The profiles in words, for `--help` of the commands that take `--profile`. */
export function profilesHelp(): string {
  const lines = Object.entries(EMULATOR_PROFILES).map(([name, p]) => `  ${name.padEnd(6)} ${p.summary}`);
  return `\nProfiles (--profile NAME), what the emulated CRMs hold:\n${lines.join('\n')}`;
}
