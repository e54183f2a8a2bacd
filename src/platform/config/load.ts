import type { z } from 'zod';
import { ConfigInvalid, MISSING_IS_REQUIRED } from '../errors/index.js';
import { configFromEnv, configFromFile, mergeLayers, type ConfigTree } from './sources.js';

export interface ConfigSources {
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Already shaped as config paths, e.g. { server: { port: 9000 } }. */
  flags?: ConfigTree;
}

/**
 * defaults (schema) < YAML file < environment < flags. Every problem is reported at once,
 * each with its path, so one `config verify` run shows all there is to fix.
 */
export function loadConfig<S extends z.ZodType>(schema: S, sources: ConfigSources): z.output<S> {
  const merged = mergeLayers(
    sources.file ? configFromFile(sources.file) : {},
    configFromEnv(sources.env ?? {}),
    sources.flags ?? {},
  );
  const result = schema.safeParse(merged, MISSING_IS_REQUIRED);
  if (result.success) return result.data;
  throw new ConfigInvalid(result.error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(top level)',
    message: issue.message,
  })));
}
