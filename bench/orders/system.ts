/**
 * The venue under test: either a fresh `tradewatch start` child process (SQLite in a new temp data
 * dir, random port) or an already-running one given by URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Instrument } from './order-mix.js';

export interface System {
  url: string;
  apiKey: string;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 30_000;
/** Resting orders the launched venue's books may hold: ~2 GB of heap for the bench's one book. */
const BENCH_MAX_RESTING = 4_000_000;

/** One small request; resolves with status and body text. */
export function request(method: string, url: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` resolves true; throws `what` after the timeout. */
async function until(probe: () => Promise<boolean>, what: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(what);
}

export async function waitReady(url: string): Promise<void> {
  await until(async () => (await request('GET', `${url}/health/ready`)).status === 200, `${url}/health/ready did not answer 200 within ${START_TIMEOUT_MS} ms`);
}

/** Tick and lot of `symbol` from GET /api/v1/market (which answers 503 until market data arrives). */
export async function fetchInstrument(url: string, symbol: string): Promise<Instrument> {
  let found: Instrument | undefined;
  await until(async () => {
    const res = await request('GET', `${url}/api/v1/market`);
    if (res.status !== 200) return false;
    const spec = (JSON.parse(res.text) as { instruments: { symbol: string; tick_size: string; lot_size: string }[] })
      .instruments.find((i) => i.symbol === symbol);
    if (!spec) throw new Error(`${symbol} is not listed by ${url}/api/v1/market`);
    found = { symbol, tickSize: spec.tick_size, lotSize: spec.lot_size };
    return true;
  }, `${url}/api/v1/market did not list ${symbol} within ${START_TIMEOUT_MS} ms`);
  return found!;
}

/** True when the venue has an order route: an empty order must be refused, not "no such route". */
export async function hasOrderRoute(url: string): Promise<boolean> {
  return (await request('POST', `${url}/api/v1/orders`, '{}')).status !== 404;
}

export async function attach(url: string, apiKey: string | undefined): Promise<System> {
  if (!apiKey) throw new Error('--url needs a trader key: pass --api-key KEY or set TRADEWATCH_API_KEY (create one with: tradewatch keys create --role trader --rate-limit 1000000)');
  await waitReady(url);
  return { url, apiKey, stop: async () => undefined };
}

/**
 * Starts `tradewatch start --target <target>` and resolves once its ready line is logged and
 * /health/ready is 200.
 */
export async function launch(target: string, log: (msg: string) => void): Promise<System> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradewatch-bench-'));
  const apiKey = createTraderKey(dataDir);
  // The young-generation size the tradewatch binary and `npm start` run the venue with.
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src/cli/main.ts', 'start', '--target', target, '--port', '0', '--data-dir', dataDir, '--log-level', 'info'], {
    // The house strategies and the monitoring stack stay off: the only orders are the bench's.
    // About half of them rest in the one book the bench trades: it may hold more than the
    // default limit (500,000), so that long runs measure order entry, not a full book.
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: {
      ...process.env, TRADEWATCH_STRATEGY_ENGINE__ENABLED: 'false', TRADEWATCH_EXCHANGE__MAX_RESTING_ORDERS_PER_BOOK: String(BENCH_MAX_RESTING),
      TRADEWATCH_OBSERVABILITY__PROMETHEUS__ENABLED: 'false', TRADEWATCH_OBSERVABILITY__ALERTMANAGER__ENABLED: 'false',
    },
  });
  // If the bench is interrupted, stop the venue before exiting: exiting at once would close the
  // venue's stdout pipe under it, and its shutdown logging then fails. On a bare exit there is
  // no time to wait, so SIGKILL (its data dir is throwaway anyway).
  const killOnExit = () => child.kill('SIGKILL');
  const interrupted = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('exit', killOnExit);
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderrTail = (stderrTail + chunk.toString()).slice(-4000); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 6000);
      await exited;
      clearTimeout(timer);
    }
    process.removeListener('exit', killOnExit).removeListener('SIGINT', interrupted).removeListener('SIGTERM', interrupted);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await readyUrl(child, exited);
    log(`venue pid ${child.pid} (target ${target}) ready on ${url}, data dir ${dataDir}`);
    await waitReady(url);
    return { url, apiKey, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}${stderrTail ? `\nvenue stderr:\n${stderrTail}` : ''}`, { cause: err });
  }
}

/** A trader key in the venue's data dir, with a rate limit no bench reaches. */
function createTraderKey(dataDir: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'keys', 'create', '--role', 'trader', '--name', 'bench', '--rate-limit', '1000000', '--data-dir', dataDir], {
    cwd: REPO_ROOT, encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`could not create a bench API key: ${r.stderr}`);
  return r.stdout.trim();
}

/** Reads JSON log lines from stdout until "tradewatch ready on <url>"; later output is discarded. */
function readyUrl(child: ChildProcess, exited: Promise<number | null>): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`no ready line within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    lines.on('line', (line) => {
      const match = /tradewatch ready on (http:\/\/[^\s"]+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      lines.close();
      // Keep reading so a chatty venue never blocks on a full pipe.
      child.stdout!.resume();
      resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`venue exited with code ${code} before it was ready`)));
  });
}
