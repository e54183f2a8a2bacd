import { rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTextIfThere } from '../files/index.js';

/**
 * The pid file of a supervised child (see ChildSpec.pidFile): the child's pid and its
 * supervisor's. Reading it back relies on Linux's /proc; elsewhere no running child is found.
 */

const POLL_MS = 50;

/** A process's parent and whether it is a zombie (exited, not yet reaped), or undefined if there is no such process. */
function processState(pid: number): { ppid: number; zombie: boolean } | undefined {
  const stat = readTextIfThere(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // "pid (command) state ppid ...": the command may hold spaces and parentheses, so read after the last ')'.
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(ppid), zombie: state === 'Z' };
}

export function writeChildPidFile(file: string, childPid: number): void {
  writeFileSync(file, `${childPid} ${process.pid}\n`);
}

export function removeChildPidFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * The child the pid file names, if that process still runs `command` with `firstArg` (so a pid
 * since reused by another program does not count); `orphaned` once its supervisor is gone and it
 * was handed to another parent. Null when there is none.
 */
export function runningChild(file: string, command: string, firstArg: string | undefined): { pid: number; supervisor: number; orphaned: boolean } | null {
  const [pid, supervisor] = (readTextIfThere(file) ?? '').trim().split(' ').map(Number);
  if (pid === undefined || !Number.isSafeInteger(pid) || pid <= 1) return null;
  const argv = readTextIfThere(`/proc/${pid}/cmdline`)?.split('\0');
  const state = processState(pid);
  if (argv?.[0] !== command || argv[1] !== firstArg || !state || state.zombie) return null;
  return { pid, supervisor: supervisor ?? NaN, orphaned: state.ppid !== supervisor };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone (or after twice the grace). */
export async function stopProcess(pid: number, graceMs: number): Promise<void> {
  signal(pid, 'SIGTERM');
  for (let waited = 0; waited < 2 * graceMs; waited += POLL_MS) {
    const state = processState(pid);
    if (!state || state.zombie) return;
    if (waited === graceMs) signal(pid, 'SIGKILL');
    await sleep(POLL_MS);
  }
}
