import type { MessagePort } from 'node:worker_threads';
import { BusRemoteError, BusTimeout, BusUnavailable, TradewatchError } from '../errors/index.js';
import type { Bus, BusHealth, BusMessage, Handler, PublishOptions, RequestOptions, Responder, RespondOptions, SubscribeOptions, Subscription } from './bus.js';
import { replyOf, type ReplyEnvelope } from './envelope.js';
import type { FromHost, FromWorker } from './port-protocol.js';
import { busJson } from './bus-json.js';

type Call = FromWorker extends infer M ? (M extends FromWorker ? Omit<M, 'id'> : never) : never;

/** The host's own bus failed a call (see request() for its timeouts). */
class HostFailure extends TradewatchError {}

interface Waiting {
  resolve(json: string | undefined): void;
  reject(err: Error): void;
}

/**
 * The bus of a worker thread: every call goes over a MessagePort to the PortBusHost in the main
 * thread, which makes it on the process's bus. A module in a worker so keeps the semantics of
 * whichever bus the process runs (in-process or NATS), and its peers cannot tell it moved.
 * Deliveries to a subscription are handled one at a time: the host waits for each to be handled.
 */
export class PortBus implements Bus {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** Subscriptions and responders of this side, by the id of the call that made them. */
  private readonly handlers = new Map<number, (msg: BusMessage) => unknown>();
  private closed = false;

  constructor(readonly kind: Bus['kind'], private readonly port: MessagePort) {
    port.on('message', (m: FromHost) => this.onMessage(m));
  }

  async ensureStream(name: string, subjects: string[]): Promise<void> {
    await this.call({ op: 'ensureStream', name, subjects });
  }

  /** Resolves once the host has the message, as a NATS publish does once the client has it. */
  async publish<T>(subject: string, data: T, opts: PublishOptions = {}): Promise<void> {
    await this.call({ op: 'publish', subject, json: busJson(data), opts });
  }

  subscribe<T>(subject: string, handler: Handler<T>, opts: SubscribeOptions = {}): Promise<Subscription> {
    return this.register({ op: 'subscribe', subject, opts }, handler as Handler<unknown>);
  }

  respond<T, R>(subject: string, responder: Responder<T, R>, opts: RespondOptions = {}): Promise<Subscription> {
    return this.register({ op: 'respond', subject, opts }, responder as Responder<unknown, unknown>);
  }

  async request<T, R>(subject: string, data: T, opts: RequestOptions = {}): Promise<BusMessage<R>> {
    const { handOver: _copiedAnyway, ...rest } = opts;
    let json: string | undefined;
    try {
      json = await this.call({ op: 'request', subject, json: busJson(data), opts: rest });
    } catch (err) {
      // The host's bus timed out: the same error as a requester there gets.
      if (err instanceof HostFailure && err.code === 'BUS_TIMEOUT') throw new BusTimeout(subject, opts.timeoutMs ?? 2000);
      throw err;
    }
    return { subject, id: '', data: JSON.parse(json ?? 'null') as R, headers: {}, deliveryCount: 1 };
  }

  async health(): Promise<BusHealth> {
    if (this.closed) return { ok: false, latencyMs: 0, detail: 'closed' };
    return JSON.parse((await this.call({ op: 'health' }))!) as BusHealth;
  }

  /** Ends this side's subscriptions (the host stops forwarding), then refuses further calls. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.handlers.keys()].map((sub) => this.call({ op: 'unsubscribe', sub })));
    this.handlers.clear();
    this.closed = true;
  }

  private async register(call: Call, handler: (msg: BusMessage) => unknown): Promise<Subscription> {
    // The subscription is known by the id its call takes (the next one), and its handler is in
    // place before the call goes out: the first delivery may follow the answer at once.
    const sub = this.nextId;
    this.handlers.set(sub, handler);
    try {
      await this.call(call);
    } catch (err) {
      this.handlers.delete(sub);
      throw err;
    }
    return {
      subject: 'subject' in call ? call.subject : '',
      // The handler stays until the host has stopped the subscription: messages it had already
      // taken are still handled, as on the other buses.
      unsubscribe: async () => {
        if (!this.handlers.has(sub)) return;
        await this.call({ op: 'unsubscribe', sub });
        this.handlers.delete(sub);
      },
    };
  }

  private call(call: Call): Promise<string | undefined> {
    if (this.closed) return Promise.reject(new BusUnavailable('the bus is closed (the module is stopping)'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ ...call, id });
    });
  }

  private onMessage(m: FromHost): void {
    if (m.op === 'deliver') return void this.deliver(m);
    const waiting = this.waiting.get(m.id);
    if (!waiting) return;
    this.waiting.delete(m.id);
    if (m.op === 'done') return waiting.resolve(m.json);
    const { code, message, status, local } = m.error;
    if (!local) waiting.reject(new BusRemoteError(code, message, status));
    else waiting.reject(code === 'BUS_UNAVAILABLE' ? new BusUnavailable(message) : new HostFailure(code, message, status ?? 503));
  }

  private async deliver(m: Extract<FromHost, { op: 'deliver' }>): Promise<void> {
    const handler = this.handlers.get(m.sub);
    const msg: BusMessage = { subject: m.subject, id: m.msgId, data: JSON.parse(m.json), headers: m.headers, deliveryCount: m.deliveryCount };
    if (m.reply) {
      const envelope = await replyOf(() => {
        if (!handler) throw new BusUnavailable(`no responder for "${m.subject}" here any more`);
        return handler(msg);
      });
      this.port.postMessage({ op: 'answer', id: m.id, envelope: serialized(envelope) } satisfies FromWorker);
      return;
    }
    try {
      await handler?.(msg);
      this.port.postMessage({ op: 'handled', id: m.id } satisfies FromWorker);
    } catch (err) {
      this.port.postMessage({ op: 'handled', id: m.id, error: (err as Error).message } satisfies FromWorker);
    }
  }
}

/** A reply as JSON; one that is not JSON (a BigInt, say) fails as it would over the network. */
function serialized(envelope: ReplyEnvelope<unknown>): string {
  try {
    return JSON.stringify(envelope);
  } catch (err) {
    return JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: `the reply is not JSON: ${(err as Error).message}` } } satisfies ReplyEnvelope<unknown>);
  }
}
