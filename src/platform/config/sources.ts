import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigInvalid } from '../errors/index.js';

export type ConfigTree = Record<string, unknown>;

/** Short environment names for the settings people change most. */
const ENV_ALIASES: Record<string, string> = {
  TRADEWATCH_TARGET: 'target',
  TRADEWATCH_DATA_DIR: 'dataDir',
  TRADEWATCH_SEED: 'seed',
  TRADEWATCH_HOST: 'server.host',
  TRADEWATCH_PORT: 'server.port',
  TRADEWATCH_CLOCK: 'clock.mode',
  TRADEWATCH_SPEED: 'clock.speed',
  TRADEWATCH_LOG_LEVEL: 'log.level',
  TRADEWATCH_DATABASE_URL: 'database.url',
  TRADEWATCH_BUS_URL: 'bus.url',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'telemetry.otlpEndpoint',
};

const camel = (snake: string) => snake.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Maps environment variables to config paths: the aliases above, and the general form
 * TRADEWATCH_SECTION__KEY (double underscore nests, single underscore is a word break):
 * TRADEWATCH_MARKET_DATA__TICK_INTERVAL_MS -> marketData.tickIntervalMs.
 * Other TRADEWATCH_* variables (the CLI's TRADEWATCH_URL, TRADEWATCH_API_KEY) are not config.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigTree {
  const tree: ConfigTree = {};
  for (const [name, raw] of Object.entries(env)) {
    if (raw === undefined || raw === '') continue;
    const path = ENV_ALIASES[name]
      ?? (name.startsWith('TRADEWATCH_') && name.includes('__')
        ? name.slice('TRADEWATCH_'.length).split('__').map(camel).join('.')
        : undefined);
    if (path) setPath(tree, path, parseScalar(raw));
  }
  return tree;
}

/** "8080" -> 8080, "true" -> true, "[1,2]" -> [1,2]; anything else stays a string. */
function parseScalar(raw: string): unknown {
  try {
    const v: unknown = parseYaml(raw);
    return v === null ? raw : v;
  } catch {
    return raw;
  }
}

export function configFromFile(path: string): ConfigTree {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigInvalid([{ path: path, message: `cannot read config file: ${reason}` }]);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    throw new ConfigInvalid([{ path, message: `not valid YAML${where}: ${(err as Error).message.split('\n')[0]}` }]);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigInvalid([{ path, message: 'the top level must be a mapping of keys to values' }]);
  }
  return doc as ConfigTree;
}

export function setPath(tree: ConfigTree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as ConfigTree;
  }
  node[keys[keys.length - 1]!] = value;
}

/** Later layers win; objects merge key by key, arrays and scalars replace. */
export function mergeLayers(...layers: ConfigTree[]): ConfigTree {
  const out: ConfigTree = {};
  for (const layer of layers) mergeInto(out, layer);
  return out;
}

function mergeInto(target: ConfigTree, source: ConfigTree): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) mergeInto(current, value);
    else target[key] = isPlainObject(value) ? mergeLayers(value) : value;
  }
}

const isPlainObject = (v: unknown): v is ConfigTree => typeof v === 'object' && v !== null && !Array.isArray(v);
