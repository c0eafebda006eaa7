import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MappingChecker } from './mapping-check-thread.js';

const text = readFileSync('mappings/salesforce.yaml', 'utf8');

describe('MappingChecker', () => {
  it('checks an edit on its thread: the validation and the objects the mapping reads', async () => {
    const check = await new MappingChecker().check({ dir: 'mappings', name: 'salesforce', text });
    expect(check.validation.ok).toBe(true);
    expect(check.objects).toContainEqual({ entity: 'partners', object: 'Account' });
  });

  it('stops a check that overruns its time limit with a message saying what to do, and recovers', async () => {
    const checker = new MappingChecker();
    await expect(checker.check({ dir: 'mappings', name: 'salesforce', text }, 1)).rejects.toMatchObject({
      code: 'HTTP_PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/salesforce\.yaml took more than .* simplify or split/),
    });
    // The stuck thread was replaced: the next check with the normal limit is answered.
    const next = await checker.check({ dir: 'mappings', name: 'salesforce', text });
    expect(next.validation.ok).toBe(true);
  });
});
