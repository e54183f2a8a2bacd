import type { Command } from 'commander';
import { redactConfig } from '../../platform/config/index.js';
import { ConfigInvalid } from '../../platform/errors/index.js';
import { addConfigOptions } from '../config-options.js';
import { EXIT } from '../exit-codes.js';
import { loadAppConfig } from '../load-app-config.js';
import { printJson } from '../output.js';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('check or show the effective configuration');

  addConfigOptions(config.command('verify'))
    .description(`validate the configuration (file, environment and flags together); prints every problem and exits ${EXIT.USAGE} when invalid`)
    .option('--json', 'print JSON')
    .action((opts: Record<string, unknown>) => {
      try {
        loadAppConfig(opts);
      } catch (err) {
        if (!(err instanceof ConfigInvalid)) throw err;
        if (opts.json) printJson({ valid: false, errors: err.issues });
        else {
          process.stderr.write(`configuration is invalid (${err.issues.length} problem${err.issues.length === 1 ? '' : 's'}):\n`);
          for (const i of err.issues) process.stderr.write(`  ${i.path}: ${i.message}\n`);
        }
        process.exitCode = EXIT.USAGE;
        return;
      }
      if (opts.json) printJson({ valid: true });
      else process.stdout.write(`configuration is valid${opts.config ? ` (${String(opts.config)})` : ''}\n`);
    });

  addConfigOptions(config.command('show'))
    .description('print the effective configuration as JSON, secrets redacted')
    .action((opts: Record<string, unknown>) => printJson(redactConfig(loadAppConfig(opts))));
}
