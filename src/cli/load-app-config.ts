import { appConfigSchema, type AppConfig } from '../app/config.js';
import { loadConfig } from '../platform/config/index.js';
import { flagsToConfig } from './config-options.js';

/** The effective configuration for a command: defaults < --config file < environment < flags. */
export function loadAppConfig(opts: Record<string, unknown>): AppConfig {
  return loadConfig(appConfigSchema, {
    file: typeof opts.config === 'string' ? opts.config : undefined,
    env: process.env,
    flags: flagsToConfig(opts),
  });
}
