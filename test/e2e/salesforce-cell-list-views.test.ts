// E2E: a sector × technology list view on the per-cell object (Atlas_Expertise__c), so its Score column is the
// partner's score in the list's own cell; whole-technology lists stay on Account.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SF_CELL_OBJECT } from '../../connectors/salesforce/cell-records.js';
import type { DesiredList } from '../../connectors/types.js';
import { useConnectorWorlds } from '../support/salesforce-connector-world.js';

const open = useConnectorWorlds();
const FiltersSchema = z.array(z.object({ field: z.string(), operation: z.string(), value: z.unknown() }));

function segment(key: string, label: string): DesiredList {
  return { per: 'segment', key, name: `Atlas: ${label}`, memberIds: [], filterValue: label };
}

describe('Salesforce list views on the per-cell object', () => {
  it('creates pair views on Atlas_Expertise__c filtered on cell and level, and finds them next run', async () => {
    const w = await open({ partners: 5 });
    await w.connector.applyProvision(await w.connector.planProvision());
    const pair = segment(
      'healthcare|data_ai|Specialist',
      'Healthcare & Life Sciences × Data & AI — Specialist',
    );
    const tech = segment('*|data_ai|Proven', 'Data & AI — Proven');
    const lists = [{ ...pair, name: 'Atlas: HLS × Data & AI — Specialist' }, tech];

    const report = await w.connector.applyLists(await w.connector.planLists(lists), lists);
    expect(report).toMatchObject({ created: 2, failures: [] });
    const views = w.sf.state.metadata.get('ListView');
    const names = [...(views?.keys() ?? [])].filter((n) => n.includes('.Atlas_'));
    const onCells = names.filter((n) => n.startsWith(`${SF_CELL_OBJECT}.`));
    expect(onCells).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('Account.'))).toHaveLength(1);
    const view = views?.get(onCells[0]!)?.value;
    expect(view?.label).toBe('Atlas: HLS × Data & AI — Specialist');
    // The emulator keeps what the SOAP envelope carried: each filter value as a one-element array.
    const filters = FiltersSchema.parse(view?.filters).map((f) => ({ ...f, value: [f.value].flat().join() }));
    expect(filters).toEqual([
      { field: 'NAME', operation: 'equals', value: 'Healthcare & Life Sciences × Data & AI' },
      { field: 'Level__c', operation: 'equals', value: 'Specialist' },
    ]);
    expect(view?.columns).toEqual(expect.arrayContaining(['Account__c', 'Score__c', 'Confidence__c']));

    // Read back through the REST list views of both objects: nothing left to do.
    expect(await w.connector.planLists(lists)).toMatchObject({
      create: [],
      update: [],
      retire: [],
      unchanged: 2,
    });
  });
});
