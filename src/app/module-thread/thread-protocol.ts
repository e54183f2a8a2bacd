import type { MessagePort } from 'node:worker_threads';
import type { DependencyCheck } from '../../platform/lifecycle/index.js';

/** Control messages between ModuleThread (main thread) and thread-main (the worker). */
export type ToThread =
  | { op: 'start' }
  | { op: 'stop' }
  | { op: 'checks'; id: number }
  | { op: 'metrics'; id: number };

export type FromThread =
  | { op: 'started' }
  | { op: 'failed'; error: string }
  | { op: 'stopped' }
  | { op: 'checks'; id: number; checks: DependencyCheck[] }
  | { op: 'metrics'; id: number; text: string }
  /** A log line, formatted in the worker, for the process's log destinations. */
  | { op: 'log'; line: string };

/** What the worker is started with (workerData). */
export interface ThreadData {
  module: string;
  /** The process's configuration (data dir resolved). */
  config: unknown;
  busKind: 'memory' | 'nats';
  busPort: MessagePort;
}
