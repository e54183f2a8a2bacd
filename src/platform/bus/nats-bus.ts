import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, NoRespondersError, TimeoutError, type Msg, type MsgHdrs, type NatsConnection, type Subscription as NatsSub } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { BusTimeout, BusUnavailable } from '../errors/index.js';
import { HEADER, type Bus, type BusHeaders, type BusHealth, type BusMessage, type Handler, type PublishOptions, type Responder, type SubscribeOptions, type Subscription } from './bus.js';
import { replyOf, unwrapReply, type ReplyEnvelope } from './envelope.js';
import { subjectMatches } from './subject-match.js';

const encode = (data: unknown) => new TextEncoder().encode(JSON.stringify(data === undefined ? null : data));
const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
const NANOS_PER_MS = 1_000_000;
/** Stream and consumer names may not contain dots, spaces, * or >. */
const natsName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

function toHeaders(h: BusHeaders): MsgHdrs {
  const out = natsHeaders();
  for (const [k, v] of Object.entries(h)) out.set(k, v);
  return out;
}

function fromHeaders(h: MsgHdrs | undefined): BusHeaders {
  const out: BusHeaders = {};
  if (!h) return out;
  for (const [k, v] of h) if (v[0] !== undefined) out[k.toLowerCase()] = v[0];
  return out;
}

function toMessage(m: Msg, deliveryCount = 1): BusMessage {
  const headers = fromHeaders(m.headers);
  return { subject: m.subject, id: headers[HEADER.messageId] ?? randomUUID(), data: decode(m.data), headers, deliveryCount };
}

/**
 * NATS adapter: core NATS for plain messages and request/reply; JetStream for subjects held by
 * a stream (publish with the message id as Nats-Msg-Id, so the server drops duplicates) and for
 * durable subscriptions (pull consumers with explicit ack; a throwing handler naks for redelivery).
 */
export class NatsBus implements Bus {
  readonly kind = 'nats' as const;
  private readonly streamSubjects: string[] = [];
  private readonly loops = new Set<Promise<void>>();

  private constructor(private readonly nc: NatsConnection, private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, private readonly where: string) {}

  static async open(url: string, name = 'tradewatch'): Promise<NatsBus> {
    const where = url.replace(/^nats:\/\/([^@]*@)?/, '');
    try {
      const nc = await connect({ servers: url, name, timeout: 3000, maxReconnectAttempts: -1 });
      const jsm = await jetstreamManager(nc);
      return new NatsBus(nc, jetstream(nc), jsm, where);
    } catch (err) {
      throw new BusUnavailable(`cannot reach NATS at ${where} (${(err as Error).message}): is nats-server running with -js? check bus.url`, { cause: err });
    }
  }

  async ensureStream(name: string, subjects: string[]): Promise<void> {
    const config = { name: natsName(name), subjects, storage: StorageType.File, max_age: 24 * 3600 * 1000 * NANOS_PER_MS, duplicate_window: 120_000 * NANOS_PER_MS };
    try {
      await this.jsm.streams.info(config.name);
      await this.jsm.streams.update(config.name, { subjects, max_age: config.max_age, duplicate_window: config.duplicate_window });
    } catch {
      await this.jsm.streams.add(config);
    }
    this.streamSubjects.push(...subjects);
  }

  async publish<T>(subject: string, data: T, opts: PublishOptions = {}): Promise<void> {
    const id = opts.id ?? randomUUID();
    const headers = toHeaders({ ...opts.headers, [HEADER.messageId]: id });
    if (this.streamSubjects.some((s) => subjectMatches(s, subject))) {
      await this.js.publish(subject, encode(data), { msgID: id, headers });
    } else {
      this.nc.publish(subject, encode(data), { headers });
    }
  }

  async subscribe<T>(subject: string, handler: Handler<T>, opts: SubscribeOptions = {}): Promise<Subscription> {
    if (opts.durable) return this.subscribeDurable(subject, handler as Handler<unknown>, opts.durable);
    const sub = this.nc.subscribe(subject, { queue: opts.queue });
    const loop = this.track((async () => {
      for await (const m of sub) {
        try {
          await handler(toMessage(m) as BusMessage<T>);
        } catch (err) {
          process.stderr.write(`bus: handler for ${subject} failed on ${m.subject}: ${(err as Error).message}\n`);
        }
      }
    })());
    return { subject, unsubscribe: async () => { await sub.drain(); await loop; } };
  }

  async request<T, R>(subject: string, data: T, opts: PublishOptions & { timeoutMs?: number } = {}): Promise<BusMessage<R>> {
    const timeoutMs = opts.timeoutMs ?? 2000;
    const id = opts.id ?? randomUUID();
    let reply: Msg;
    try {
      reply = await this.nc.request(subject, encode(data), { timeout: timeoutMs, headers: toHeaders({ ...opts.headers, [HEADER.messageId]: id }) });
    } catch (err) {
      if (err instanceof NoRespondersError || (err as Error).cause instanceof NoRespondersError) {
        throw new BusUnavailable(`no service answers on "${subject}": is the service that owns it running?`, { cause: err });
      }
      if (err instanceof TimeoutError || (err as Error).cause instanceof TimeoutError) throw new BusTimeout(subject, timeoutMs);
      throw new BusUnavailable(`request on "${subject}" failed: ${(err as Error).message}`, { cause: err });
    }
    const msg = toMessage(reply);
    return { ...msg, data: unwrapReply(msg.data as ReplyEnvelope<R>) };
  }

  async respond<T, R>(subject: string, responder: Responder<T, R>, opts: { queue?: string } = {}): Promise<Subscription> {
    const sub: NatsSub = this.nc.subscribe(subject, {
      queue: opts.queue,
      callback: (err, m) => {
        if (err) return;
        void replyOf(() => responder(toMessage(m) as BusMessage<T>)).then((envelope) => m.respond(encode(envelope)));
      },
    });
    return { subject, unsubscribe: async () => { await sub.drain(); } };
  }

  async health(): Promise<BusHealth> {
    const t0 = performance.now();
    try {
      await this.nc.flush();
      return { ok: true, latencyMs: performance.now() - t0, detail: `nats ${this.where}` };
    } catch (err) {
      return { ok: false, latencyMs: performance.now() - t0, detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.nc.drain();
    await Promise.all([...this.loops]);
  }

  private async subscribeDurable(subject: string, handler: Handler<unknown>, durable: string): Promise<Subscription> {
    let stream: string;
    try {
      stream = await this.jsm.streams.find(subject);
    } catch (err) {
      throw new Error(`no stream holds "${subject}": call ensureStream before a durable subscription`, { cause: err });
    }
    const name = natsName(durable);
    await this.jsm.consumers.add(stream, { durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: subject, max_deliver: 5 })
      .catch(async () => this.jsm.consumers.update(stream, name, { filter_subject: subject, max_deliver: 5 }));
    const consumer = await this.js.consumers.get(stream, name);
    const messages = await consumer.consume();
    const loop = this.track((async () => {
      for await (const m of messages) {
        try {
          await handler(toMessage(m as unknown as Msg, m.info.deliveryCount));
          m.ack();
        } catch {
          m.nak(200);
        }
      }
    })());
    return { subject, unsubscribe: async () => { await messages.close(); await loop; } };
  }

  private track(loop: Promise<void>): Promise<void> {
    this.loops.add(loop);
    void loop.finally(() => this.loops.delete(loop));
    return loop;
  }
}
