// Tests query-string decoding: `+` is a space except as a UTC offset sign; `%2B` is always a plus.
import { describe, expect, it } from 'vitest';
import { readQueryParam } from './query-routes.js';

describe('readQueryParam', () => {
  it('decodes form-encoded spaces and encoded pluses', () => {
    expect(readQueryParam('/query?q=SELECT+Name+FROM+Account', 'q')).toBe('SELECT Name FROM Account');
    expect(
      readQueryParam(
        `/query?q=${encodeURIComponent('SELECT Id FROM A WHERE X > 2024-01-01T00:00:00+00:00')}`,
        'q',
      ),
    ).toBe('SELECT Id FROM A WHERE X > 2024-01-01T00:00:00+00:00');
  });

  it('keeps a raw + that can only be a time zone sign', () => {
    expect(readQueryParam('/x?q=WHERE+X+>+2024-01-01T00:00:00+00:00+AND+Y+=+1', 'q')).toBe(
      'WHERE X > 2024-01-01T00:00:00+00:00 AND Y = 1',
    );
    expect(readQueryParam('/x?start=2024-01-01T00%3A00%3A00+0000', 'start')).toBe('2024-01-01T00:00:00+0000');
    expect(readQueryParam('/x?a=1', 'q')).toBeUndefined();
  });
});
