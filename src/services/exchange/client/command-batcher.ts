import type { OrderCommand, OrderReply } from '../../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../contracts/subjects.js';
import { unwrapReply, type Bus, type ReplyEnvelope } from '../../../platform/bus/index.js';
import { currentTraceparent } from '../../../platform/telemetry/index.js';

/** Most commands in one batch request; the exchange refuses larger batches. */
export const MAX_COMMAND_BATCH = 512;

export interface CommandBatch {
  commands: OrderCommand[];
}

export interface CommandBatchReply {
  results: ReplyEnvelope<OrderReply>[];
}

interface Waiting {
  resolve(reply: OrderReply): void;
  reject(err: unknown): void;
}

/**
 * Sends order commands to the exchange in batches: everything submitted in one turn of the event
 * loop (say, every order read from the sockets in one poll) travels as one bus request. Under load
 * that turns thousands of requests a second into a few hundred, while a lone order still goes out
 * at once (the batch closes at the end of the current turn, not on a timer).
 */
export class CommandBatcher {
  private commands: OrderCommand[] = [];
  private waiting: Waiting[] = [];
  private scheduled = false;

  /** `ports.bus` is read at send time: the bus may open after this batcher is made. */
  constructor(private readonly ports: { readonly bus: Bus }, private readonly timeoutMs: number) {}

  submit(cmd: OrderCommand): Promise<OrderReply> {
    return new Promise((resolve, reject) => {
      const traceparent = cmd.traceparent ?? currentTraceparent();
      this.commands.push(traceparent === cmd.traceparent ? cmd : { ...cmd, traceparent });
      this.waiting.push({ resolve, reject });
      if (this.commands.length >= MAX_COMMAND_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.commands.length === 0) return;
    // The commands are handed over to the bus (no copy in process): nothing here touches them again.
    const commands = this.commands;
    const waiting = this.waiting;
    this.commands = [];
    this.waiting = [];
    this.ports.bus.request<CommandBatch, CommandBatchReply>(EXCHANGE_SUBJECTS.commandBatch, { commands }, { timeoutMs: this.timeoutMs, handOver: true }).then(
      ({ data }) => {
        waiting.forEach((w, i) => {
          const result = data.results[i];
          if (!result) w.reject(new Error(`the exchange answered ${data.results.length} of ${commands.length} batched commands`));
          else settle(w, result);
        });
      },
      (err: unknown) => { for (const w of waiting) w.reject(err); },
    );
  }
}

function settle(w: Waiting, result: ReplyEnvelope<OrderReply>): void {
  try {
    w.resolve(unwrapReply(result));
  } catch (err) {
    w.reject(err);
  }
}
