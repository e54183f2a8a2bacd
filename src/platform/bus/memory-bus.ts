import { randomUUID } from 'node:crypto';
import { BusTimeout, BusUnavailable } from '../errors/index.js';
import { HEADER, type Bus, type BusHealth, type BusMessage, type Handler, type PublishOptions, type Responder, type SubscribeOptions, type Subscription } from './bus.js';
import { DurableConsumer, StreamLog, type RetryPolicy } from './durable-log.js';
import { replyOf, unwrapReply, type ReplyEnvelope } from './envelope.js';
import { subjectCovers, subjectMatches } from './subject-match.js';

interface LiveSubscription {
  pattern: string;
  queue?: string;
  handler: Handler<unknown>;
  /** Deliveries run one after another, in publish order. */
  chain: Promise<void>;
  active: boolean;
}

/** JSON round trip: the same serialisation limits as the network, and no shared objects. */
const copy = <T>(data: T): T => (data === undefined ? (null as T) : (JSON.parse(JSON.stringify(data)) as T));

/**
 * The in-process bus, with the semantics of the NATS adapter: asynchronous delivery, per
 * subscription ordering, queue groups, request/reply, durable streams with redelivery.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly subs = new Set<LiveSubscription>();
  private readonly responders = new Set<LiveSubscription>();
  private readonly streams = new Map<string, StreamLog>();
  private readonly durableState = new Map<string, { position: number; consumer?: DurableConsumer }>();
  private readonly roundRobin = new Map<string, number>();
  private closed = false;

  constructor(private readonly retry: RetryPolicy = { maxDeliveries: 5, redeliveryDelayMs: 200 }) {}

  async ensureStream(name: string, subjects: string[]): Promise<void> {
    const existing = this.streams.get(name);
    if (existing) existing.subjects = [...new Set([...existing.subjects, ...subjects])];
    else this.streams.set(name, new StreamLog(name, subjects));
  }

  async publish<T>(subject: string, data: T, opts: PublishOptions = {}): Promise<void> {
    this.assertOpen();
    const id = opts.id ?? randomUUID();
    const msg: BusMessage = { subject, id, data: copy(data), headers: { ...opts.headers, [HEADER.messageId]: id }, deliveryCount: 1 };
    for (const stream of this.streams.values()) if (stream.holds(subject)) stream.append(msg);
    for (const sub of this.pick([...this.subs], subject)) this.enqueue(sub, msg);
  }

  async subscribe<T>(subject: string, handler: Handler<T>, opts: SubscribeOptions = {}): Promise<Subscription> {
    this.assertOpen();
    if (opts.durable) return this.subscribeDurable(subject, handler as Handler<unknown>, opts.durable);
    const sub: LiveSubscription = { pattern: subject, queue: opts.queue, handler: handler as Handler<unknown>, chain: Promise.resolve(), active: true };
    this.subs.add(sub);
    return { subject, unsubscribe: async () => { sub.active = false; this.subs.delete(sub); await sub.chain; } };
  }

  async request<T, R>(subject: string, data: T, opts: PublishOptions & { timeoutMs?: number } = {}): Promise<BusMessage<R>> {
    this.assertOpen();
    const [responder] = this.pick([...this.responders].map((r) => ({ ...r, queue: r.queue ?? '(responders)' })), subject);
    if (!responder) throw new BusUnavailable(`no service answers on "${subject}": is the service that owns it running?`);
    const id = opts.id ?? randomUUID();
    const timeoutMs = opts.timeoutMs ?? 2000;
    const request: BusMessage = { subject, id, data: copy(data), headers: { ...opts.headers, [HEADER.messageId]: id }, deliveryCount: 1 };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new BusTimeout(subject, timeoutMs)), timeoutMs); });
    try {
      const envelope = await Promise.race([replyOf(() => responder.handler(request)), timeout]);
      return { subject, id: randomUUID(), data: unwrapReply(copy(envelope) as ReplyEnvelope<R>), headers: {}, deliveryCount: 1 };
    } finally {
      clearTimeout(timer);
    }
  }

  async respond<T, R>(subject: string, responder: Responder<T, R>, opts: { queue?: string } = {}): Promise<Subscription> {
    this.assertOpen();
    const sub: LiveSubscription = { pattern: subject, queue: opts.queue, handler: responder as Handler<unknown>, chain: Promise.resolve(), active: true };
    this.responders.add(sub);
    return { subject, unsubscribe: async () => { this.responders.delete(sub); } };
  }

  async health(): Promise<BusHealth> {
    return { ok: !this.closed, latencyMs: 0, detail: this.closed ? 'closed' : 'in-process' };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.durableState.values()].map((s) => s.consumer?.stop()));
    const subs = [...this.subs];
    this.subs.clear();
    this.responders.clear();
    await Promise.all(subs.map((s) => s.chain));
  }

  private subscribeDurable(subject: string, handler: Handler<unknown>, durable: string): Subscription {
    const stream = [...this.streams.values()].find((s) => s.subjects.some((w) => subjectCovers(w, subject)));
    if (!stream) throw new Error(`no stream holds "${subject}": call ensureStream before a durable subscription`);
    const key = `${stream.name}/${durable}`;
    const state = this.durableState.get(key) ?? { position: 0 };
    if (state.consumer) throw new Error(`durable "${durable}" already has an active subscriber in this process`);
    this.durableState.set(key, state);
    state.consumer = new DurableConsumer(stream, subject, handler, state, this.retry, (msg, err) =>
      process.stderr.write(`bus: giving up on message ${msg.id} (${msg.subject}) for durable ${durable} after ${this.retry.maxDeliveries} deliveries: ${(err as Error).message}\n`));
    return { subject, unsubscribe: async () => { await state.consumer?.stop(); state.consumer = undefined; } };
  }

  /** Matching subscriptions; within a queue group only one member, taken in turn. */
  private pick<S extends LiveSubscription>(candidates: S[], subject: string): S[] {
    const chosen: S[] = [];
    const groups = new Map<string, S[]>();
    for (const s of candidates) {
      if (!subjectMatches(s.pattern, subject)) continue;
      if (!s.queue) chosen.push(s);
      else groups.set(s.queue, [...(groups.get(s.queue) ?? []), s]);
    }
    for (const [queue, members] of groups) {
      const turn = this.roundRobin.get(queue) ?? 0;
      this.roundRobin.set(queue, turn + 1);
      chosen.push(members[turn % members.length]!);
    }
    return chosen;
  }

  private enqueue(sub: LiveSubscription, msg: BusMessage): void {
    sub.chain = sub.chain.then(async () => {
      if (sub.active) await sub.handler(msg);
    }).catch((err: unknown) => {
      process.stderr.write(`bus: handler for ${sub.pattern} failed on ${msg.subject}: ${(err as Error).message}\n`);
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new BusUnavailable('the bus is closed (the process is stopping)');
  }
}
