import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  /** Where the child's stdout and stderr go (appended). */
  logFile: string;
  /**
   * Where the running child's pid is kept. A child outlives a parent killed without a chance to
   * stop it (SIGKILL, a crash), and goes on holding its port and data dir, so that every later
   * start of it fails: start() first stops a leftover it finds here. Only a process running the
   * same program with the same first argument (a configuration file of this data dir) counts as
   * one: a pid since reused by another program is left alone.
   */
  pidFile?: string;
}

export interface ChildStatus {
  name: string;
  pid: number | null;
  running: boolean;
  restarts: number;
  lastExit: string | null;
}

const MAX_BACKOFF_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const LEFTOVER_POLL_MS = 50;

/** A file's text, or undefined if it is not there (or not readable). */
function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The last non-empty line of a piece of output, if it has one. */
function lastLineOf(text: string): string | undefined {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).pop();
}

/** Whether a process exists; a zombie (exited, not yet reaped by its parent) counts as gone. */
function isAlive(pid: number): boolean {
  const stat = readIfThere(`/proc/${pid}/stat`);
  return stat !== undefined && !/\) Z /.test(stat);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/**
 * Runs an external program and keeps it running: when it dies it is started again after a
 * backoff (1 s, doubling up to 30 s; reset once it has stayed up for a minute). `stop` sends
 * SIGTERM, then SIGKILL after a grace period, and does not restart it.
 */
export class ChildSupervisor {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private stopping = false;
  private restarts = 0;
  private backoffMs = 1000;
  private lastExit: string | null = null;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly spec: ChildSpec, private readonly onEvent: (event: string, detail: Record<string, unknown>) => void) {}

  async start(): Promise<void> {
    this.stopping = false;
    if (this.spec.pidFile) await this.stopLeftover(this.spec.pidFile);
    this.spawnChild();
  }

  private spawnChild(): void {
    this.log ??= createWriteStream(this.spec.logFile, { flags: 'a' });
    const startedAt = Date.now();
    const child = spawn(this.spec.command, this.spec.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    // The last thing it said, for the exit event: usually why it stopped (e.g. its port is taken).
    let lastLine = '';
    const remember = (chunk: Buffer) => { lastLine = lastLineOf(chunk.toString()) ?? lastLine; };
    child.stdout!.on('data', remember);
    child.stderr!.on('data', remember);
    child.once('error', (err) => { this.lastExit = err.message; });
    child.once('exit', (code, signal) => {
      this.child = null;
      this.lastExit = signal ? `signal ${signal}` : `exit code ${code}`;
      if (this.stopping) return;
      if (Date.now() - startedAt > 60_000) this.backoffMs = 1000;
      this.onEvent('exited', { child: this.spec.name, lastExit: this.lastExit, lastLine, restartInMs: this.backoffMs, log: this.spec.logFile });
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        // stop() may have come from a listener of the event just sent, before this timer was set.
        if (this.stopping) return;
        this.restarts++;
        this.spawnChild();
      }, this.backoffMs);
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    });
    if (this.spec.pidFile && child.pid !== undefined) writeFileSync(this.spec.pidFile, `${child.pid}\n`);
    this.onEvent('started', { child: this.spec.name, pid: child.pid });
  }

  /** Stops the child an earlier run left running, if the pid file names one (see ChildSpec.pidFile). */
  private async stopLeftover(pidFile: string): Promise<void> {
    const pid = Number(readIfThere(pidFile)?.trim());
    if (!Number.isSafeInteger(pid) || pid <= 1) return;
    // Linux: /proc holds each process's arguments, NUL-separated. Elsewhere no leftover is found.
    const argv = readIfThere(`/proc/${pid}/cmdline`)?.split('\0');
    if (argv?.[0] !== this.spec.command || argv[1] !== this.spec.args[0]) return;
    this.onEvent('leftover', { child: this.spec.name, pid });
    signal(pid, 'SIGTERM');
    for (let waited = 0; isAlive(pid) && waited < 2 * STOP_GRACE_MS; waited += LEFTOVER_POLL_MS) {
      if (waited === STOP_GRACE_MS) signal(pid, 'SIGKILL');
      await sleep(LEFTOVER_POLL_MS);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    }
    if (this.spec.pidFile) rmSync(this.spec.pidFile, { force: true });
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = null;
  }

  status(): ChildStatus {
    return { name: this.spec.name, pid: this.child?.pid ?? null, running: this.child !== null, restarts: this.restarts, lastExit: this.lastExit };
  }
}
