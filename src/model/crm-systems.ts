/** The CRMs Atlas has a connector for, as plain names: cheap to import (help text at start-up needs no schemas). */
export const CRM_SYSTEM_NAMES = ['salesforce', 'hubspot'] as const;

/** "salesforce or hubspot", for help text and usage errors. */
export const CRM_SYSTEMS_TEXT = CRM_SYSTEM_NAMES.join(' or ');
