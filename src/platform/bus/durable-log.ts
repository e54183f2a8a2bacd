import type { BusMessage, Handler } from './bus.js';
import { subjectMatches } from './subject-match.js';

/** An in-memory stream: every message published on its subjects, deduplicated by id. */
export class StreamLog {
  readonly messages: BusMessage[] = [];
  private readonly ids = new Set<string>();
  private readonly consumers = new Set<DurableConsumer>();

  constructor(readonly name: string, public subjects: string[]) {}

  holds(subject: string): boolean {
    return this.subjects.some((s) => subjectMatches(s, subject));
  }

  /** Appends unless a message with the same id is already stored (JetStream's dedupe). */
  append(msg: BusMessage): void {
    if (this.ids.has(msg.id)) return;
    this.ids.add(msg.id);
    this.messages.push(msg);
    for (const c of this.consumers) c.wake();
  }

  attach(c: DurableConsumer): void { this.consumers.add(c); }
  detach(c: DurableConsumer): void { this.consumers.delete(c); }
}

export interface RetryPolicy {
  maxDeliveries: number;
  redeliveryDelayMs: number;
}

/**
 * One durable subscription: delivers the stream's matching messages in order, one at a time,
 * starting after the last one acknowledged (`position` outlives the subscription). A handler
 * that throws gets the message again after a delay, up to maxDeliveries, then it is skipped.
 */
export class DurableConsumer {
  private running = true;
  private waiting: (() => void) | null = null;
  private readonly loop: Promise<void>;

  constructor(
    private readonly stream: StreamLog,
    private readonly pattern: string,
    private readonly handler: Handler<unknown>,
    private readonly state: { position: number },
    private readonly retry: RetryPolicy,
    private readonly onGiveUp: (msg: BusMessage, err: unknown) => void,
  ) {
    stream.attach(this);
    this.loop = this.run();
  }

  wake(): void {
    this.waiting?.();
    this.waiting = null;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.stream.detach(this);
  }

  private async run(): Promise<void> {
    await Promise.resolve();
    while (this.running) {
      const index = this.nextIndex();
      if (index < 0) {
        await new Promise<void>((r) => { this.waiting = r; });
        continue;
      }
      const delivered = await this.deliver(this.stream.messages[index]!);
      if (!delivered) return; // stopped mid-retry: the message stays unacknowledged
      this.state.position = index + 1;
    }
  }

  /** True when the message is done with (handled, or given up on); false if stopped first. */
  private async deliver(msg: BusMessage): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handler({ ...msg, deliveryCount: attempt });
        return true;
      } catch (err) {
        if (attempt >= this.retry.maxDeliveries) { this.onGiveUp(msg, err); return true; }
        await new Promise((r) => setTimeout(r, this.retry.redeliveryDelayMs));
        if (!this.running) return false;
      }
    }
  }

  private nextIndex(): number {
    const log = this.stream.messages;
    for (let i = this.state.position; i < log.length; i++) {
      if (subjectMatches(this.pattern, log[i]!.subject)) return i;
    }
    this.state.position = log.length;
    return -1;
  }
}
