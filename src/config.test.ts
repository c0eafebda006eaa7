import { describe, expect, it } from 'vitest';
import { loadEnv, mappingsDir } from './config.js';

describe('loadEnv', () => {
  it('applies documented defaults on an empty environment', () => {
    const env = loadEnv({});
    expect(env.SALESFORCE_API_VERSION).toBe('62.0');
    expect(env.ATLAS_PORT).toBe(3000);
    expect(env.ATLAS_LOG_LEVEL).toBe('info');
    expect(mappingsDir(env)).toBe('mappings');
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ ATLAS_DB: '' }).ATLAS_DB).toBeUndefined();
  });

  it('names every bad variable and never echoes a secret value', () => {
    const secret = 'https://hooks.example.invalid/super-secret-path';
    let message = '';
    try {
      loadEnv({
        ATLAS_PORT: 'eighty',
        SALESFORCE_API_VERSION: '62',
        ATLAS_WEBHOOK_URL: `not a url ${secret}`,
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ATLAS_PORT');
    expect(message).toContain('SALESFORCE_API_VERSION');
    expect(message).toContain('ATLAS_WEBHOOK_URL');
    expect(message).not.toContain('super-secret-path');
  });

  it('prefers an explicit mappings directory, then ATLAS_MAPPINGS_DIR', () => {
    const env = loadEnv({ ATLAS_MAPPINGS_DIR: '/etc/atlas/mappings' });
    expect(mappingsDir(env)).toBe('/etc/atlas/mappings');
    expect(mappingsDir(env, 'custom')).toBe('custom');
  });
});
