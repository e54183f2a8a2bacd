import { appConfigSchema, type AppConfig } from '../../src/app/config.js';
import { startProcess, type RunningProcess } from '../../src/app/runtime.js';
import { tempDir } from './cli-process.js';

/** Starts a tradewatch process inside the test process, on a free port with its own data dir. */
export async function startInProcess(overrides: Record<string, unknown> = {}): Promise<RunningProcess & { config: AppConfig }> {
  const config = appConfigSchema.parse({ dataDir: tempDir(), server: { port: 0 }, log: { level: 'warn', file: false }, ...overrides });
  const proc = await startProcess(config);
  return { ...proc, config };
}
