import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS } from '../../test/mapping/mapping-dir.js';
import { hubspotDeal, salesforceOpportunity } from '../../test/mapping/raw-records.js';
import { compileMapping } from './compile.js';
import { loadMappings } from './load.js';
import type { RawRecord } from './raw-record.js';

// A guard against accidental super-linear work (per-record zod parses, quadratic page dedupe), not a benchmark:
// on an idle core the default mappings map about a million deals in 2–3 s. The bound is loose for shared CI.
const RECORDS = 100_000;
const BUDGET_MS = 20_000;

describe('throughput', () => {
  const loaded = loadMappings(DEFAULT_MAPPINGS);

  it(`maps ${RECORDS} Salesforce and HubSpot deals in pages well within budget`, () => {
    for (const [mapping, make] of [
      [loaded.salesforce, salesforceOpportunity],
      [loaded.hubspot, hubspotDeal],
    ] as const) {
      if (!mapping) throw new Error('default mappings must configure both CRMs');
      const compiled = compileMapping(mapping, loaded.taxonomy);
      const base = make();
      const raws: RawRecord[] = Array.from({ length: RECORDS }, (_, i) => ({
        id: mapping.system === 'salesforce' ? `006Dn${String(i).padStart(13, '0')}` : String(i + 1),
        values: base.values,
      }));
      const started = performance.now();
      let kept = 0;
      for (let i = 0; i < raws.length; i += 2000)
        kept += compiled.mapPage('deals', raws.slice(i, i + 2000)).records.length;
      const elapsed = performance.now() - started;
      expect(kept).toBe(RECORDS);
      expect(elapsed).toBeLessThan(BUDGET_MS);
    }
  });
});
