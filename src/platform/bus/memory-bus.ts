import { randomUUID } from 'node:crypto';
import { BusTimeout, BusUnavailable } from '../errors/index.js';
import { HEADER, type Bus, type BusHeaders, type BusHealth, type BusMessage, type Handler, type PublishOptions, type RequestOptions, type Responder, type RespondOptions, type SubscribeOptions, type Subscription } from './bus.js';
import { OpenSubscriptions } from './open-subscriptions.js';
import { DurableConsumer, StreamLog, type RetryPolicy } from './durable-log.js';
import { replyOf, unwrapReply, type ReplyEnvelope } from './envelope.js';
import { assertSubject, subjectCovers } from './subject-match.js';
import { SubjectRoutes } from './subject-routes.js';
import { busJson } from './bus-json.js';

interface Member {
  pattern: string;
  queue?: string;
  handler: (msg: BusMessage) => unknown;
  /** Deliveries run one after another, in publish order. */
  chain: Promise<void>;
  /** A responder whose replies need no copy (RespondOptions.freshReplies). */
  freshReplies?: boolean;
  /** A subscriber that only reads: it gets the message's shared frozen copy (SubscribeOptions.readOnly). */
  readOnly?: boolean;
}

/**
 * A published message as it travels: data serialised once, parsed afresh for every delivery,
 * except that read-only subscribers share one parsed, frozen copy (made on first delivery).
 */
interface Wire {
  subject: string;
  id: string;
  json: string;
  headers: BusHeaders;
  shared?: unknown;
}

/** JSON round trip: the same serialisation limits as the network, and no shared objects. */
const copy = <T>(data: T): T => JSON.parse(busJson(data)) as T;

/** Freezes parsed JSON all the way down, so a read-only subscriber that writes to it fails loudly. */
function deepFreeze(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * A message's headers as a consumer gets them, as from NATS: names in lower case (they are
 * case-insensitive on the wire; both adapters hand them out so), values as text, and the message
 * id. Built property by property: `{ ...headers, [id header]: id }` (a spread, then a property
 * the spread object lacks) costs about 1 µs per message on Node 20.
 */
function wireHeaders(headers: BusHeaders | undefined, id: string): BusHeaders {
  const wire: BusHeaders = {};
  if (headers) for (const name of Object.keys(headers)) wire[name.toLowerCase()] = String(headers[name]);
  wire[HEADER.messageId] = id;
  return wire;
}

/**
 * The in-process bus, with the semantics of the NATS adapter: JSON payloads, asynchronous
 * delivery, per-subscription ordering, queue groups, request/reply, durable streams with
 * deduplication by message id and redelivery after a throw.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly members = new SubjectRoutes<Member>();
  private readonly responders = new SubjectRoutes<Member>();
  private readonly streams = new Map<string, StreamLog>();
  /** Durable positions by stream and durable name: they outlive the subscription. */
  private readonly durables = new Map<string, { position: number; consumer?: DurableConsumer }>();
  private readonly turns = new Map<string, number>();
  private readonly subscriptions = new OpenSubscriptions();
  private readonly repliesInFlight = new Set<Promise<unknown>>();
  private readonly retry: RetryPolicy;
  private closing: Promise<void> | undefined;

  constructor(retry: Partial<RetryPolicy> = {}) {
    this.retry = { maxDeliveries: 5, redeliveryDelayMs: 200, ...retry };
  }

  async ensureStream(name: string, subjects: string[]): Promise<void> {
    this.assertOpen();
    const existing = this.streams.get(name);
    // Like a JetStream stream update: the subjects given replace the old ones.
    if (existing) existing.subjects = [...subjects];
    else this.streams.set(name, new StreamLog(name, [...subjects]));
  }

  async publish<T>(subject: string, data: T, opts: PublishOptions = {}): Promise<void> {
    this.assertOpen();
    assertSubject(subject);
    const streams = [...this.streams.values()].filter((s) => s.holds(subject));
    const members = this.pick(this.members.matching(subject), (m) => m.queue);
    // Like NATS, a message nobody listens to is dropped; it is not even serialised (the exchange
    // publishes every order change, whether or not a service that follows them runs).
    if (streams.length === 0 && members.length === 0) return;
    const id = opts.id ?? randomUUID();
    const wire: Wire = { subject, id, json: busJson(data), headers: wireHeaders(opts.headers, id) };
    for (const stream of streams) stream.append(this.delivery(wire));
    for (const member of members) this.enqueue(member, wire);
  }

  async subscribe<T>(subject: string, handler: Handler<T>, opts: SubscribeOptions = {}): Promise<Subscription> {
    this.assertOpen();
    assertSubject(subject);
    if (opts.durable) return this.subscribeDurable(subject, handler as Handler<unknown>, opts.durable);
    const member: Member = { pattern: subject, queue: opts.queue, handler: handler as Handler<unknown>, chain: Promise.resolve(), readOnly: opts.readOnly };
    this.members.add(member);
    // Like a NATS drain: no new messages, but those already queued are still handled.
    return this.subscriptions.track(subject, async () => { this.members.delete(member); await member.chain; });
  }

  request<T, R>(subject: string, data: T, opts: RequestOptions = {}): Promise<BusMessage<R>> {
    let reply: Promise<ReplyEnvelope<unknown>>;
    try {
      reply = this.startRequest(subject, data, opts);
    } catch (err) {
      return Promise.reject(err);
    }
    // One promise and one timer per request, settled by the reply or the timer, whichever comes
    // first: batched order entry makes thousands of requests a second, and each promise costs.
    const timeoutMs = opts.timeoutMs ?? 2000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new BusTimeout(subject, timeoutMs)), timeoutMs);
      void reply.then((envelope) => {
        clearTimeout(timer);
        this.repliesInFlight.delete(reply);
        try {
          resolve({ subject, id: randomUUID(), data: unwrapReply(envelope) as R, headers: {}, deliveryCount: 1 });
        } catch (err) {
          reject(err);
        }
      });
    });
  }

  /** Hands a request to its responder: the reply that will come back (it never rejects). */
  private startRequest<T>(subject: string, data: T, opts: RequestOptions): Promise<ReplyEnvelope<unknown>> {
    this.assertOpen();
    assertSubject(subject);
    // Several responders without a queue group would all answer; the requester keeps the first.
    const [responder] = this.pick(this.responders.matching(subject), (r) => r.queue ?? '(responders)');
    if (!responder) throw new BusUnavailable(`no service answers on "${subject}": is the service that owns it running?`);
    const id = opts.id ?? randomUUID();
    const headers = wireHeaders(opts.headers, id);
    const request: BusMessage = opts.handOver
      ? { subject, id, data, headers, deliveryCount: 1 }
      : this.delivery({ subject, id, json: busJson(data), headers });
    const reply = replyOf(responder.freshReplies ? () => responder.handler(request) : async () => copy(await responder.handler(request)));
    this.repliesInFlight.add(reply);
    return reply;
  }

  async respond<T, R>(subject: string, responder: Responder<T, R>, opts: RespondOptions = {}): Promise<Subscription> {
    this.assertOpen();
    assertSubject(subject);
    const member: Member = { pattern: subject, queue: opts.queue, handler: responder as Member['handler'], chain: Promise.resolve(), freshReplies: opts.freshReplies };
    this.responders.add(member);
    return this.subscriptions.track(subject, async () => { this.responders.delete(member); });
  }

  async health(): Promise<BusHealth> {
    return { ok: !this.closing, latencyMs: 0, detail: this.closing ? 'closed' : 'in-process' };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.subscriptions.stopAll();
      await Promise.all([...this.repliesInFlight]);
    })();
    return this.closing;
  }

  private subscribeDurable(subject: string, handler: Handler<unknown>, durable: string): Subscription {
    const stream = [...this.streams.values()].find((s) => s.subjects.some((w) => subjectCovers(w, subject)));
    if (!stream) throw new Error(`no stream holds "${subject}": call ensureStream before a durable subscription`);
    const key = `${stream.name}/${durable}`;
    const state = this.durables.get(key) ?? { position: 0 };
    if (state.consumer) throw new Error(`durable "${durable}" already has an active subscriber in this process`);
    this.durables.set(key, state);
    // The log keeps one object per message; every delivery gets its own copy, as from the network.
    const fresh: Handler<unknown> = (m) => handler({ ...m, data: copy(m.data), headers: { ...m.headers } });
    const consumer = new DurableConsumer(stream, subject, fresh, state, this.retry, (msg, err) =>
      process.stderr.write(`bus: giving up on message ${msg.id} (${msg.subject}) for durable ${durable} after ${this.retry.maxDeliveries} deliveries: ${(err as Error).message}\n`));
    state.consumer = consumer;
    return this.subscriptions.track(subject, async () => { await consumer.stop(); state.consumer = undefined; });
  }

  /** Of the matching members, those outside a queue group, and one per queue group, taken in turn. */
  private pick(matching: readonly Member[], queueOf: (m: Member) => string | undefined): Member[] {
    const chosen: Member[] = [];
    let groups: Map<string, Member[]> | undefined;
    for (const m of matching) {
      const queue = queueOf(m);
      if (queue === undefined) chosen.push(m);
      else {
        groups ??= new Map();
        groups.set(queue, [...(groups.get(queue) ?? []), m]);
      }
    }
    if (groups) {
      for (const [queue, group] of groups) {
        const turn = this.turns.get(queue) ?? 0;
        this.turns.set(queue, turn + 1);
        chosen.push(group[turn % group.length]!);
      }
    }
    return chosen;
  }

  private enqueue(member: Member, wire: Wire): void {
    member.chain = member.chain
      .then(async () => { await member.handler(this.delivery(wire, member.readOnly)); })
      .catch((err: unknown) => {
        process.stderr.write(`bus: handler for ${member.pattern} failed on ${wire.subject}: ${(err as Error).message}\n`);
      });
  }

  private delivery(wire: Wire, readOnly = false): BusMessage {
    const data = readOnly ? (wire.shared ??= deepFreeze(JSON.parse(wire.json))) : JSON.parse(wire.json) as unknown;
    return { subject: wire.subject, id: wire.id, data, headers: { ...wire.headers }, deliveryCount: 1 };
  }

  private assertOpen(): void {
    if (this.closing) throw new BusUnavailable('the bus is closed (the process is stopping)');
  }
}
