import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'connectors/**/*.test.ts',
      'devkit/**/*.test.ts',
      'test/**/*.test.ts',
      'hubspot-app/test/**/*.test.{ts,tsx}',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only thrash the sandboxes and the database.
    maxWorkers: 2,
    // Tests never read a developer's .env (it could point a spawned `atlas` at a real CRM or database):
    // every command, in-process or spawned, reads this empty file instead.
    env: { ATLAS_ENV_FILE: '/dev/null' },
  },
});
