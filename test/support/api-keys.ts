import type { AppConfig } from '../../src/app/config.js';
import { openStore } from '../../src/platform/store/index.js';
import { ApiKeyStore, type Role } from '../../src/services/gateway/auth/index.js';

/** Creates an API key in the store `config` points at (as `tradewatch keys create` does). */
export async function issueKey(config: Pick<AppConfig, 'dataDir' | 'database'>, role: Role, rateLimitPerS: number | null = 100_000): Promise<string> {
  const store = await openStore({ url: config.database.url, dataDir: config.dataDir });
  try {
    const keys = new ApiKeyStore({ store });
    await keys.migrate();
    return (await keys.create(role, `test-${role}`, rateLimitPerS, Date.now())).key;
  } finally {
    await store.close();
  }
}
