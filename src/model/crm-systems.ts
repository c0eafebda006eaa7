/** The CRMs Atlas has a connector for, as plain names: cheap to import (help text at start-up needs no schemas). */
export const CRM_SYSTEM_NAMES = ['salesforce', 'hubspot'] as const;

/** How people write each CRM's name, for sentences (the plain names above are keys and command arguments). */
export const CRM_DISPLAY_NAMES: Record<(typeof CRM_SYSTEM_NAMES)[number], string> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
};

/** "salesforce or hubspot", for help text and usage errors. */
export const CRM_SYSTEMS_TEXT = CRM_SYSTEM_NAMES.join(' or ');
