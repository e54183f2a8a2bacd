import { appConfigSchema, type AppConfig } from '../../src/app/config.js';
import { startProcess, type RunningProcess } from '../../src/app/runtime.js';
import { tempDir } from './cli-process.js';

/** Prometheus and Alertmanager stay off unless a test asks for them (they would all want ports 9090/9093). */
export const NO_STACK = { prometheus: { enabled: false }, alertmanager: { enabled: false } };

/** Starts a tradewatch process inside the test process, on a free port with its own data dir. */
export async function startInProcess(overrides: Record<string, unknown> = {}): Promise<RunningProcess & { config: AppConfig }> {
  const config = appConfigSchema.parse({ dataDir: tempDir(), server: { port: 0 }, log: { level: 'warn', file: false }, observability: NO_STACK, ...overrides });
  const proc = await startProcess(config);
  return { ...proc, config };
}
