import { Option, type Command } from 'commander';
import { setPath, type ConfigTree } from '../platform/config/index.js';

/** The flags that override configuration, and the config path each one sets. */
const FLAG_PATHS: Record<string, string> = {
  target: 'target',
  port: 'server.port',
  host: 'server.host',
  dataDir: 'dataDir',
  seed: 'seed',
  clock: 'clock.mode',
  speed: 'clock.speed',
  logLevel: 'log.level',
  databaseUrl: 'database.url',
  busUrl: 'bus.url',
};

const number = (name: string) => (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new Error(`${name} must be a number, got "${v}"`);
  return n;
};

export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'YAML configuration file (defaults < file < TRADEWATCH_* env < flags)')
    .option('--target <names>', 'what this process runs: all, one service, or several joined by commas (see list-targets)')
    .option('-p, --port <port>', 'HTTP port (default 8080 for all/gateway, 94xx for other targets)', number('--port'))
    .option('--host <host>', 'address to listen on (default 127.0.0.1; 0.0.0.0 in containers)')
    .option('-d, --data-dir <dir>', 'where the database, logs and generated config live (default ./.tradewatch)')
    .option('--seed <n>', 'root seed of all randomness (default 42)', number('--seed'))
    .addOption(new Option('--clock <mode>', 'real time, or simulated time (default real)').choices(['real', 'sim']))
    .option('--speed <x>', 'simulated seconds per wall second with --clock sim (default 1)', number('--speed'))
    .addOption(new Option('--log-level <level>', 'log level (default info)').choices(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']))
    .option('--database-url <url>', 'use PostgreSQL (postgres://...) instead of SQLite')
    .option('--bus-url <url>', 'use NATS JetStream (nats://...) instead of the in-process bus');
}

/** Commander's parsed options -> the flags layer of the configuration. */
export function flagsToConfig(opts: Record<string, unknown>): ConfigTree {
  const tree: ConfigTree = {};
  for (const [flag, path] of Object.entries(FLAG_PATHS)) {
    if (opts[flag] !== undefined) setPath(tree, path, opts[flag]);
  }
  return tree;
}
