/**
 * Reporting on the per-cell records: a custom report type "Accounts with Atlas Expertise" (Account joined to
 * its `Atlas_Expertise__r` records) and a sample matrix report, sectors down × technologies across, with the
 * highest score and the record count per cell, in a "Partner Atlas" report folder.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_reporttype.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_report.htm
 */
import { SF_CELL_FIELDS, SF_CELL_RELATIONSHIP } from './cell-records.js';
import type { MetadataRecord } from './metadata.js';

/** The report type's API name; reports name a custom report type with `__c`. */
export const SF_CELL_REPORT_TYPE = 'Atlas_Expertise';
export const SF_REPORT_FOLDER = 'Partner_Atlas';
export const SF_CELL_MATRIX_REPORT = 'Atlas_Expertise_Matrix';

/** One DX source file: its path under `force-app/main/default`, metadata type and body (no fullName). */
export interface DxComponent {
  path: string;
  type: string;
  body: MetadataRecord;
}

const ACCOUNT_COLUMNS = ['Name', 'Type', 'Industry', 'BillingCountry'];

function reportType(): MetadataRecord {
  const child = `Account.${SF_CELL_RELATIONSHIP}__r`;
  const column = (table: string) => (field: string) => ({ checkedByDefault: true, field, table });
  return {
    baseObject: 'Account',
    category: 'accounts',
    deployed: true,
    description:
      'Partner accounts and their Atlas Expertise records: one per sector × technology cell with a level.',
    join: { outerJoin: false, relationship: `${SF_CELL_RELATIONSHIP}__r` },
    label: 'Accounts with Atlas Expertise',
    sections: [
      { columns: ACCOUNT_COLUMNS.map(column('Account')), masterLabel: 'Accounts' },
      {
        columns: [
          'Name',
          ...SF_CELL_FIELDS.map((f) => f.field).filter((f) => f !== 'Atlas_Key__c' && f !== 'Account__c'),
        ].map(column(child)),
        masterLabel: 'Atlas Expertise',
      },
    ],
  };
}

/** Columns of a report on a custom report type are `table$field`. */
const cellColumn = (field: string) => `Account.${SF_CELL_RELATIONSHIP}__r$${field}`;

function matrixReport(): MetadataRecord {
  return {
    columns: [
      { field: 'Account$Name' },
      { field: cellColumn('Level__c') },
      { aggregateTypes: 'Maximum', field: cellColumn('Score__c') },
    ],
    description:
      'Partners per sector × technology cell: the highest Atlas score and how many partners hold a level.',
    format: 'Matrix',
    groupingsAcross: [{ dateGranularity: 'Day', field: cellColumn('Technology__c'), sortOrder: 'Asc' }],
    groupingsDown: [{ dateGranularity: 'Day', field: cellColumn('Sector__c'), sortOrder: 'Asc' }],
    name: 'Atlas Expertise Matrix',
    reportType: `${SF_CELL_REPORT_TYPE}__c`,
    scope: 'organization',
    showDetails: false,
    showGrandTotal: true,
    showSubTotals: true,
  };
}

/** The report type, the report folder and the matrix report. */
export function cellReportComponents(): DxComponent[] {
  return [
    {
      path: `reportTypes/${SF_CELL_REPORT_TYPE}.reportType-meta.xml`,
      type: 'ReportType',
      body: reportType(),
    },
    {
      path: `reports/${SF_REPORT_FOLDER}.reportFolder-meta.xml`,
      type: 'ReportFolder',
      body: { accessType: 'Public', name: 'Partner Atlas', publicFolderAccess: 'ReadOnly' },
    },
    {
      path: `reports/${SF_REPORT_FOLDER}/${SF_CELL_MATRIX_REPORT}.report-meta.xml`,
      type: 'Report',
      body: matrixReport(),
    },
  ];
}
