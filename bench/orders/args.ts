/** Command-line flags of bench:orders. */

export type Transport = 'ws' | 'http';

/**
 * What a launched venue runs: the whole venue (every service but the house strategies and the
 * monitoring stack), or order entry alone (gateway, exchange and the market data it prices
 * against; no custodian or risk monitor following its events).
 */
export const VENUE_TARGETS = { all: 'all', exchange: 'gateway,exchange,market-data' } as const;
export type Venue = keyof typeof VENUE_TARGETS;

export interface BenchArgs {
  seconds: number;
  warmupSeconds: number;
  url: string | undefined;
  /** WebSocket connections; HTTP keep-alive sockets are 8x this (4 -> 32, the defaults). */
  connections: number;
  /** Orders in flight per WebSocket in the max-rate phase. */
  wsWindow: number;
  /** Rate of the open-loop phase; when absent, half of the transport's target rate. */
  pacedRate: number | undefined;
  /** Runs of each transport's phases against the venue; more than one reports their median. */
  repeat: number;
  transports: Transport[];
  /** What a launched venue runs (not given with --url). */
  venue: Venue;
  baselineOnly: boolean;
  mid: string;
  /** A trader key for --url (a launched venue gets its own). */
  apiKey: string | undefined;
}

export const USAGE = `usage: npm run bench:orders -- [--seconds N] [--url http://host:port] [--connections N]
                            [--transport ws|http|both] [--venue all|exchange] [--window N] [--paced N]
                            [--repeat N] [--mid PRICE] [--baseline-only] [--api-key KEY]
  --seconds N        length of the max-rate and of the half-rate phase (default 10; warm-up 2 s)
  --url URL          bench an already-running venue instead of starting one; give it a trader
                     key with a high rate limit (tradewatch keys create --role trader --rate-limit 1000000)
                     as --api-key KEY or TRADEWATCH_API_KEY
  --connections N    WebSocket connections (default 4); HTTP uses 8x as many keep-alive sockets,
                     one request on each at a time, and as many more waiting in the client
  --venue all|exchange  what the launched venue runs: every service (default; house strategies
                     and the monitoring stack off), or order entry alone: gateway, exchange and
                     market data, without the custodian and risk monitor that follow its events
  --window N         orders in flight per WebSocket at max rate (default 256)
  --paced N          orders/s of the paced phase (reported as half_rate; default half of the
                     transport's target rate, where the p99 target holds: ws 10000, http 4000)
  --repeat N         run each transport's phases N times against the same venue (default 1) and
                     report the median of each figure, with every run under "runs"
  --mid PRICE        BTC-USD price the order mix centres on (default 64000.00)
  --baseline-only    only drive the in-process echo servers (maximum rate, and p99 paced at half
                     of each target rate)`;

function value(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

function positive(argv: string[], name: string, fallback: number): number {
  const raw = value(argv, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

function wholeNumber(argv: string[], name: string, fallback: number): number {
  const n = positive(argv, name, fallback);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, got "${value(argv, name)}"`);
  return n;
}

const KNOWN = new Set(['--api-key', '--seconds', '--url', '--connections', '--transport', '--venue', '--window', '--paced', '--repeat', '--mid', '--baseline-only', '--help', '-h']);

export function parseArgs(argv: string[]): BenchArgs {
  for (const arg of argv) {
    if (arg.startsWith('-') && !KNOWN.has(arg)) throw new Error(`unknown flag ${arg}`);
  }
  const transport = value(argv, '--transport') ?? 'both';
  if (!['ws', 'http', 'both'].includes(transport)) throw new Error(`--transport must be ws, http or both, got "${transport}"`);
  const venue = value(argv, '--venue') ?? 'all';
  if (!Object.hasOwn(VENUE_TARGETS, venue)) throw new Error(`--venue must be all or exchange, got "${venue}"`);
  const url = value(argv, '--url')?.replace(/\/+$/, '');
  if (url !== undefined && !/^http:\/\/[^/]+$/.test(url)) throw new Error(`--url must look like http://host:port, got "${url}"`);
  if (url !== undefined && argv.includes('--venue')) throw new Error('--venue chooses what a launched venue runs; with --url the bench measures whatever runs there');
  const mid = value(argv, '--mid') ?? '64000.00';
  if (!(Number(mid) > 0)) throw new Error(`--mid must be a positive price, got "${mid}"`);
  return {
    seconds: positive(argv, '--seconds', 10),
    warmupSeconds: 2,
    url,
    connections: Math.round(positive(argv, '--connections', 4)),
    wsWindow: Math.round(positive(argv, '--window', 256)),
    pacedRate: argv.includes('--paced') ? Math.round(positive(argv, '--paced', 0)) : undefined,
    repeat: wholeNumber(argv, '--repeat', 1),
    transports: transport === 'both' ? ['ws', 'http'] : [transport as Transport],
    venue: venue as Venue,
    baselineOnly: argv.includes('--baseline-only'),
    mid,
    apiKey: value(argv, '--api-key') ?? process.env.TRADEWATCH_API_KEY,
  };
}
