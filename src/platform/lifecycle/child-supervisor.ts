import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { removeChildPidFile, runningChild, stopProcess, writeChildPidFile } from './child-pid-file.js';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  /** Where the child's stdout and stderr go (appended). */
  logFile: string;
  /**
   * Where the running child's pid is kept, with this process's. A child outlives a parent killed
   * without a chance to stop it (SIGKILL, a crash), and goes on holding its port and data dir, so
   * that every later start of it fails: start() first stops such a leftover. One whose supervisor
   * still runs (a second process started on the same data dir) is left to it, and none is
   * started. Only a process running the same program with the same first argument (a
   * configuration file in the data dir) counts: a pid since reused by another program does not.
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

/** The last non-empty line of a piece of output, if it has one. */
function lastLineOf(text: string): string | undefined {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).pop();
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
  /** Whether the pid file is this supervisor's to remove (not another process's: see start()). */
  private wrotePidFile = false;

  constructor(private readonly spec: ChildSpec, private readonly onEvent: (event: string, detail: Record<string, unknown>) => void) {}

  async start(): Promise<void> {
    this.stopping = false;
    const { name, pidFile, command, args } = this.spec;
    const running = pidFile ? runningChild(pidFile, command, args[0]) : null;
    if (running && !running.orphaned) {
      this.lastExit = `run by process ${running.supervisor}`;
      this.onEvent('supervised-elsewhere', { child: name, pid: running.pid, supervisor: running.supervisor });
      return;
    }
    if (running) {
      this.onEvent('leftover', { child: name, pid: running.pid });
      await stopProcess(running.pid, STOP_GRACE_MS);
    }
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
    if (this.spec.pidFile && child.pid !== undefined) {
      writeChildPidFile(this.spec.pidFile, child.pid);
      this.wrotePidFile = true;
    }
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
    if (this.spec.pidFile && this.wrotePidFile) removeChildPidFile(this.spec.pidFile);
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = null;
  }

  status(): ChildStatus {
    return { name: this.spec.name, pid: this.child?.pid ?? null, running: this.child !== null, restarts: this.restarts, lastExit: this.lastExit };
  }
}
