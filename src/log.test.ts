import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

describe('createLogger', () => {
  it('writes JSON lines and redacts secrets at any depth', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-log-')), 'logs', 'atlas.log');
    const log = createLogger({ ATLAS_LOG_LEVEL: 'info', ATLAS_LOG_FILE: undefined }, file);
    log.info(
      {
        accessToken: 'tok-123',
        auth: { refresh_token: 'r-456' },
        headers: { authorization: 'Bearer abc' },
        records: 7,
      },
      'pulled',
    );
    log.flush();
    const line = JSON.parse(readFileSync(file, 'utf8').trim());
    expect(line.msg).toBe('pulled');
    expect(line.records).toBe(7);
    expect(line.accessToken).toBe('[redacted]');
    expect(line.auth.refresh_token).toBe('[redacted]');
    expect(line.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(line)).not.toMatch(/tok-123|r-456|Bearer abc/);
  });
});
