import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, nanos, NoRespondersError, TimeoutError, type Msg, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, JetStreamApiCodes, JetStreamApiError, StorageType, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { BusTimeout, BusUnavailable } from '../errors/index.js';
import { HEADER, type Bus, type BusHeaders, type BusHealth, type BusMessage, type Handler, type PublishOptions, type RequestOptions, type Responder, type RespondOptions, type SubscribeOptions, type Subscription } from './bus.js';
import { OpenSubscriptions } from './open-subscriptions.js';
import type { RetryPolicy } from './durable-log.js';
import { replyOf, unwrapReply, type ReplyEnvelope } from './envelope.js';
import { subjectMatches } from './subject-match.js';
import { busJson } from './bus-json.js';

const encode = (data: unknown) => new TextEncoder().encode(busJson(data));
const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
const STREAM_MAX_AGE_MS = 24 * 3600 * 1000;
const DEDUPE_WINDOW_MS = 120_000;
/** Messages a durable subscription pulls ahead; unsubscribe handles those before it returns. */
const PULL_BATCH = 32;
/** Stream and consumer names may not contain dots, spaces, * or >. */
const natsName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
const rejectAfter = (ms: number) => new Promise<never>((_, reject) => { setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(); });

function toHeaders(h: BusHeaders): MsgHdrs {
  const out = natsHeaders();
  for (const [k, v] of Object.entries(h)) out.set(k, v);
  return out;
}

/** Lower-case names; the server's own Nats-* headers (e.g. Nats-Msg-Id) stay out of the message. */
function fromHeaders(h: MsgHdrs | undefined): BusHeaders {
  const out: BusHeaders = {};
  for (const [k, v] of h ?? []) if (v[0] !== undefined && !/^nats-/i.test(k)) out[k.toLowerCase()] = v[0];
  return out;
}

function toMessage(m: Pick<Msg, 'subject' | 'data' | 'headers'>, deliveryCount = 1): BusMessage {
  const headers = fromHeaders(m.headers);
  return { subject: m.subject, id: headers[HEADER.messageId] ?? randomUUID(), data: decode(m.data), headers, deliveryCount };
}

export interface NatsBusOptions {
  /** Connection name shown by the server (e.g. `tradewatch-exchange`). */
  name?: string;
  /** Redelivery of durable messages whose handler threw. */
  retry?: Partial<RetryPolicy>;
}

/**
 * NATS adapter: core NATS for plain messages and request/reply; JetStream for subjects held by
 * a stream this bus ensured (published with the message id as Nats-Msg-Id, so the server drops
 * duplicates) and for durable subscriptions (pull consumers, explicit ack; a throw naks with a
 * delay, so other messages go on meanwhile; after the last attempt the message is terminated).
 */
export class NatsBus implements Bus {
  readonly kind = 'nats' as const;
  private readonly streamSubjects = new Set<string>();
  private readonly subscriptions = new OpenSubscriptions();
  private readonly repliesInFlight = new Set<Promise<void>>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly where: string,
    private readonly retry: RetryPolicy,
  ) {}

  static async open(url: string, opts: NatsBusOptions = {}): Promise<NatsBus> {
    const where = url.replace(/nats:\/\/([^@/]*@)?/g, '');
    let nc: NatsConnection;
    try {
      nc = await connect({ servers: url.split(','), name: opts.name ?? 'tradewatch', timeout: 3000, maxReconnectAttempts: -1 });
    } catch (err) {
      throw new BusUnavailable(`cannot reach NATS at ${where}: is nats-server running with -js? check bus.url (${messageOf(err)})`, { cause: err });
    }
    try {
      const jsm = await jetstreamManager(nc);
      return new NatsBus(nc, jetstream(nc), jsm, where, { maxDeliveries: 5, redeliveryDelayMs: 200, ...opts.retry });
    } catch (err) {
      await nc.close();
      throw new BusUnavailable(`NATS at ${where} has no JetStream: start nats-server with -js (${messageOf(err)})`, { cause: err });
    }
  }

  async ensureStream(name: string, subjects: string[]): Promise<void> {
    this.assertOpen();
    const stream = natsName(name);
    const limits = { subjects, max_age: nanos(STREAM_MAX_AGE_MS), duplicate_window: nanos(DEDUPE_WINDOW_MS) };
    const exists = await this.jsm.streams.info(stream).then(
      () => true,
      (err: unknown) => { if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return false; throw err; },
    );
    if (exists) await this.jsm.streams.update(stream, limits);
    else await this.jsm.streams.add({ name: stream, storage: StorageType.File, ...limits });
    for (const s of subjects) this.streamSubjects.add(s);
  }

  async publish<T>(subject: string, data: T, opts: PublishOptions = {}): Promise<void> {
    this.assertOpen();
    const id = opts.id ?? randomUUID();
    const body = encode(data);
    const headers = toHeaders({ ...opts.headers, [HEADER.messageId]: id });
    try {
      if (this.heldByStream(subject)) await this.js.publish(subject, body, { msgID: id, headers });
      else this.nc.publish(subject, body, { headers });
    } catch (err) {
      throw new BusUnavailable(`publish on "${subject}" failed: ${messageOf(err)}`, { cause: err });
    }
  }

  async subscribe<T>(subject: string, handler: Handler<T>, opts: SubscribeOptions = {}): Promise<Subscription> {
    this.assertOpen();
    if (opts.durable) return this.subscribeDurable(subject, handler as Handler<unknown>, opts.durable);
    const sub = this.nc.subscribe(subject, { queue: opts.queue });
    const loop = (async () => {
      for await (const m of sub) {
        try {
          await handler(toMessage(m) as BusMessage<T>);
        } catch (err) {
          process.stderr.write(`bus: handler for ${subject} failed on ${m.subject}: ${messageOf(err)}\n`);
        }
      }
    })();
    return this.subscriptions.track(subject, async () => { await sub.drain().catch(() => sub.unsubscribe()); await loop; });
  }

  async request<T, R>(subject: string, data: T, opts: RequestOptions = {}): Promise<BusMessage<R>> {
    this.assertOpen();
    const timeoutMs = opts.timeoutMs ?? 2000;
    const id = opts.id ?? randomUUID();
    let reply: Msg;
    try {
      reply = await this.nc.request(subject, encode(data), { timeout: timeoutMs, headers: toHeaders({ ...opts.headers, [HEADER.messageId]: id }) });
    } catch (err) {
      const cause = (err as Error).cause;
      if (err instanceof NoRespondersError || cause instanceof NoRespondersError) {
        throw new BusUnavailable(`no service answers on "${subject}": is the service that owns it running?`, { cause: err });
      }
      if (err instanceof TimeoutError || cause instanceof TimeoutError) throw new BusTimeout(subject, timeoutMs);
      throw new BusUnavailable(`request on "${subject}" failed: ${messageOf(err)}`, { cause: err });
    }
    const msg = toMessage(reply);
    return { ...msg, data: unwrapReply(msg.data as ReplyEnvelope<R>) };
  }

  /** Replies always travel serialized here, so `freshReplies` changes nothing. */
  async respond<T, R>(subject: string, responder: Responder<T, R>, opts: RespondOptions = {}): Promise<Subscription> {
    this.assertOpen();
    const sub = this.nc.subscribe(subject, {
      queue: opts.queue,
      callback: (err, m) => { if (!err) this.answer(m, responder as Responder<unknown, unknown>); },
    });
    return this.subscriptions.track(subject, async () => { await sub.drain().catch(() => sub.unsubscribe()); });
  }

  async health(): Promise<BusHealth> {
    const t0 = performance.now();
    try {
      if (this.closing || this.nc.isClosed()) throw new Error('closed');
      // While reconnecting a ping waits for the connection; a health check must answer promptly.
      await Promise.race([this.nc.rtt(), rejectAfter(2000)]);
      return { ok: true, latencyMs: performance.now() - t0, detail: `nats ${this.where}` };
    } catch (err) {
      return { ok: false, latencyMs: performance.now() - t0, detail: `nats ${this.where}: ${messageOf(err)}` };
    }
  }

  /** Stops every subscription (waiting for handlers in flight and their acks), then drains. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.subscriptions.stopAll();
      await Promise.all([...this.repliesInFlight]);
      if (!this.nc.isClosed()) await this.nc.drain();
    })();
    return this.closing;
  }

  /**
   * A pull consumer; unsubscribing drains it: messages already pulled are still handled (like a
   * core drain) rather than naked back, because a nak while the abandoned pull request is still
   * open on the server can send the message into it (NATS 2.9 then holds it until ack_wait).
   */
  private async subscribeDurable(subject: string, handler: Handler<unknown>, durable: string): Promise<Subscription> {
    const stream = await this.jsm.streams.find(subject).catch((err: unknown) => {
      throw new Error(`no stream holds "${subject}": call ensureStream before a durable subscription`, { cause: err });
    });
    const name = natsName(durable);
    const max_deliver = this.retry.maxDeliveries;
    await this.jsm.consumers.add(stream, { durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: subject, max_deliver })
      .catch(() => this.jsm.consumers.update(stream, name, { filter_subject: subject, max_deliver }));
    const messages = await (await this.js.consumers.get(stream, name)).consume({ max_messages: PULL_BATCH });
    const loop = (async () => {
      try {
        for await (const m of messages) await this.handleDurable(m, handler, durable);
      } catch (err) {
        process.stderr.write(`bus: durable ${durable} on ${subject} stopped: ${messageOf(err)}\n`);
      }
    })();
    return this.subscriptions.track(subject, async () => { await messages.close(); await loop; });
  }

  private async handleDurable(m: JsMsg, handler: Handler<unknown>, durable: string): Promise<void> {
    try {
      await handler(toMessage(m, m.info.deliveryCount));
      m.ack();
    } catch (err) {
      if (m.info.deliveryCount < this.retry.maxDeliveries) return m.nak(this.retry.redeliveryDelayMs);
      process.stderr.write(`bus: giving up on message ${m.headers?.get(HEADER.messageId) ?? m.seq} (${m.subject}) for durable ${durable} after ${m.info.deliveryCount} deliveries: ${messageOf(err)}\n`);
      m.term(messageOf(err));
    }
  }

  private heldByStream(subject: string): boolean {
    for (const s of this.streamSubjects) if (subjectMatches(s, subject)) return true;
    return false;
  }

  private answer(m: Msg, responder: Responder<unknown, unknown>): void {
    const reply = (async () => {
      const envelope = await replyOf(() => responder(toMessage(m)));
      let body: Uint8Array;
      try {
        body = encode(envelope);
      } catch (err) {
        // A reply that cannot be serialised reaches the requester as a remote error, not a timeout.
        body = encode(await replyOf(() => { throw err; }));
      }
      m.respond(body);
    })();
    this.repliesInFlight.add(reply);
    void reply.finally(() => this.repliesInFlight.delete(reply));
  }

  private assertOpen(): void {
    if (this.closing || this.nc.isClosed()) throw new BusUnavailable(`the bus is closed (NATS at ${this.where})`);
  }
}
