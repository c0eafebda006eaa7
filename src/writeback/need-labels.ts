/** The words sales ops read for each kind of need, on the record and in list names. */
import type { NeedKind } from '../model/index.js';

export const NEED_LABELS: Record<NeedKind, string> = {
  'technical-enablement': 'Technical enablement',
  'sales-marketing-support': 'Sales & marketing support',
  'sales-enablement': 'Sales enablement',
  're-engagement': 'Re-engagement',
};
