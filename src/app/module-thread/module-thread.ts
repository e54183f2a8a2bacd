import { MessageChannel, type Worker } from 'node:worker_threads';
import { hostPortBus, type PortBusHost } from '../../platform/bus/index.js';
import { startWorker, type DependencyCheck, type Service } from '../../platform/lifecycle/index.js';
import type { ModuleContext } from '../context.js';
import type { FromThread, ToThread } from './thread-protocol.js';

type Answer = Extract<FromThread, { op: 'started' | 'stopped' | 'failed' }>;

/**
 * Runs a module in a worker thread of this process (thread-main.ts), for a module busy enough to
 * crowd the main thread: the exchange, whose matching and commits would otherwise share it with
 * the gateway's HTTP and WebSocket work. The module reaches the process's bus through a PortBus
 * served here; its metrics are served with the process's, its log lines go to the process's log.
 */
export class ModuleThread implements Service {
  private worker: Worker | undefined;
  private bus: PortBusHost | undefined;
  private nextId = 1;
  /** checks() and metrics() calls waiting for the worker, by id; null once it has exited. */
  private readonly waiting = new Map<number, (m: FromThread | null) => void>();
  /** The answer start() or stop() waits for. */
  private expecting: ((m: Answer | { op: 'exited'; code: number }) => void) | undefined;
  private exited = false;

  constructor(private readonly name: string, private readonly ctx: ModuleContext, private readonly writeLine: (line: string) => void) {}

  async start(): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    this.bus = hostPortBus(this.ctx.ports.bus, port1);
    const worker = startWorker(import.meta.url, './thread-main', { module: this.name, config: this.ctx.config, busKind: this.ctx.ports.bus.kind, busPort: port2 }, [port2]);
    this.worker = worker;
    worker.on('message', (m: FromThread) => this.onMessage(m));
    worker.on('error', (err) => this.ctx.logger.error({ err: err.message }, `module ${this.name}: its worker thread failed`));
    worker.on('exit', (code) => {
      this.exited = true;
      this.expecting?.({ op: 'exited', code });
      for (const answer of this.waiting.values()) answer(null);
      this.waiting.clear();
    });
    try {
      await this.command({ op: 'start' }, 'started');
    } catch (err) {
      await this.bus.close();
      await worker.terminate();
      throw err;
    }
  }

  async stop(): Promise<void> {
    try {
      if (this.worker && !this.exited) await this.command({ op: 'stop' }, 'stopped');
    } finally {
      await this.bus?.close();
      await this.worker?.terminate();
    }
  }

  async checks(): Promise<DependencyCheck[]> {
    const m = this.exited ? null : await this.ask({ op: 'checks', id: this.nextId++ });
    return m?.op === 'checks' ? m.checks : [{ name: `${this.name} thread`, ok: false, detail: 'its worker thread has exited' }];
  }

  /** The module's metrics, as OpenMetrics text (none once its thread has exited). */
  async metrics(): Promise<string> {
    const m = this.exited ? null : await this.ask({ op: 'metrics', id: this.nextId++ });
    return m?.op === 'metrics' ? m.text : '';
  }

  private command(m: ToThread, expected: 'started' | 'stopped'): Promise<void> {
    return new Promise((resolve, reject) => {
      this.expecting = (answer) => {
        this.expecting = undefined;
        if (answer.op === expected) resolve();
        else if (answer.op === 'failed') reject(new Error(answer.error));
        else if (answer.op === 'exited') reject(new Error(`its worker thread exited (code ${answer.code}) before it ${expected}`));
        else reject(new Error(`its worker thread answered "${answer.op}", not "${expected}"`));
      };
      this.worker!.postMessage(m);
    });
  }

  private ask(m: Extract<ToThread, { id: number }>): Promise<FromThread | null> {
    return new Promise((resolve) => {
      this.waiting.set(m.id, resolve);
      this.worker!.postMessage(m);
    });
  }

  private onMessage(m: FromThread): void {
    if (m.op === 'log') return this.writeLine(m.line);
    if (m.op === 'checks' || m.op === 'metrics') {
      const answer = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      return answer?.(m);
    }
    this.expecting?.(m);
  }
}
