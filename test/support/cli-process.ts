import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from './wait-for.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];

export const tempDir = (prefix = 'tw-') => mkdtempSync(join(tmpdir(), prefix));

/** Runs the real CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Prometheus and Alertmanager stay off unless a test asks for them (they would all want ports 9090/9093). */
export const NO_STACK_ENV = { TRADEWATCH_OBSERVABILITY__PROMETHEUS__ENABLED: 'false', TRADEWATCH_OBSERVABILITY__ALERTMANAGER__ENABLED: 'false' };

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code and how long the exit took after the signal. */
  signal(sig: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Starts `tradewatch start` as a child process on a free port and waits for its URL. */
export async function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, [...CLI, 'start', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, ...NO_STACK_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await waitFor('the process to print its URL', () => {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${out}`);
    return /tradewatch ready on (http:\/\/[^"\s]+)/.exec(out)?.[1];
  }, 30_000);
  return {
    child, url,
    output: () => out,
    async signal(sig) {
      const t0 = performance.now();
      child.kill(sig);
      const code = await exited;
      return { code, ms: performance.now() - t0 };
    },
  };
}
