import type { Command } from 'commander';
import { addConfigOptions } from '../config-options.js';
import { EXIT } from '../exit-codes.js';
import { loadAppConfig } from '../load-app-config.js';

/** How long a stop may take before the process exits anyway (SIGTERM contract: 5 s). */
const STOP_DEADLINE_MS = 4500;

export function registerStart(program: Command): void {
  addConfigOptions(program.command('start'))
    .description('run tradewatch: every service in one process (--target all), or one or a few services per process')
    .addHelpText('after', `
Examples:
  tradewatch start                                  # everything, embedded defaults, http://127.0.0.1:8080
  tradewatch start --clock sim --speed 60           # one simulated minute per second
  tradewatch start --target market-data --bus-url nats://127.0.0.1:4222
  tradewatch start --target gateway,exchange,market-data   # order entry alone: no custodian, risk or strategies

SIGTERM or SIGINT drains and exits 0. A module that fails to start exits ${EXIT.FAILURE}, naming it.`)
    .action(async (opts: Record<string, unknown>) => {
      const config = loadAppConfig(opts);
      // Loaded here, not at the top: the whole venue is heavy, and every other command starts faster without it.
      const { startProcess } = await import('../../app/runtime.js');
      const proc = await startProcess(config);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        proc.logger.info({ signal }, 'shutting down');
        const deadline = setTimeout(() => {
          proc.logger.error(`stop took longer than ${STOP_DEADLINE_MS} ms; exiting anyway`);
          process.exit(EXIT.FAILURE);
        }, STOP_DEADLINE_MS);
        deadline.unref();
        proc.stop().then(
          () => process.exit(EXIT.OK),
          (err: unknown) => {
            proc.logger.error({ err }, 'error while stopping');
            process.exit(EXIT.FAILURE);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    });
}
