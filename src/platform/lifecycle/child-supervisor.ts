import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  /** Where the child's stdout and stderr go (appended). */
  logFile: string;
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

  start(): void {
    this.stopping = false;
    this.log ??= createWriteStream(this.spec.logFile, { flags: 'a' });
    const startedAt = Date.now();
    const child = spawn(this.spec.command, this.spec.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    child.once('error', (err) => { this.lastExit = err.message; });
    child.once('exit', (code, signal) => {
      this.child = null;
      this.lastExit = signal ? `signal ${signal}` : `exit code ${code}`;
      if (this.stopping) return;
      if (Date.now() - startedAt > 60_000) this.backoffMs = 1000;
      this.onEvent('exited', { child: this.spec.name, lastExit: this.lastExit, restartInMs: this.backoffMs, log: this.spec.logFile });
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        this.restarts++;
        this.start();
      }, this.backoffMs);
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    });
    this.onEvent('started', { child: this.spec.name, pid: child.pid });
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
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = null;
  }

  status(): ChildStatus {
    return { name: this.spec.name, pid: this.child?.pid ?? null, running: this.child !== null, restarts: this.restarts, lastExit: this.lastExit };
  }
}
