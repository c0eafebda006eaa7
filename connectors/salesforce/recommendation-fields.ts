/**
 * The Opportunity fields holding recommended partners (issue #17 contract): per slot a Lookup(Account) and a
 * Text 255 reason, and when they were worked out, as provisioning and the DX folder create them.
 */
import type { MetadataRecord } from './metadata.js';
import type { SalesforceRecommendations } from './writeback-schema.js';

const HELP =
  'Written by Partner Atlas every night for open opportunities; edits are overwritten on the next run.';

/** Every recommendation field's CustomField metadata (`Opportunity.Atlas_Partner_1__c`, …), slot by slot. */
export function recommendationFieldsMetadata(rec: SalesforceRecommendations): MetadataRecord[] {
  const slots = rec.fields.partners.flatMap((field, i) => {
    const n = i + 1;
    const reason = rec.fields.reasons[i];
    return [
      {
        fullName: `${rec.object}.${field}`,
        label: `Atlas Partner ${n}`,
        type: 'Lookup',
        referenceTo: 'Account',
        // The Account's related list of opportunities it is recommended on; unique per lookup.
        relationshipName: field.replace(/__c$/, '_Opportunities'),
        relationshipLabel: `Atlas Partner ${n} Opportunities`,
        // A deleted partner Account clears the slot; the next run fills it again.
        deleteConstraint: 'SetNull',
        inlineHelpText: HELP,
      },
      ...(reason
        ? [
            {
              fullName: `${rec.object}.${reason}`,
              label: `Atlas Partner ${n} Reason`,
              type: 'Text',
              length: 255,
              inlineHelpText: HELP,
            },
          ]
        : []),
    ];
  });
  return [
    ...slots,
    {
      fullName: `${rec.object}.${rec.fields.recommendedAt}`,
      label: 'Atlas Recommended At',
      type: 'DateTime',
      inlineHelpText: HELP,
    },
  ];
}
