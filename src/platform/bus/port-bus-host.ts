import type { MessagePort } from 'node:worker_threads';
import { BusRemoteError } from '../errors/index.js';
import type { Bus, BusMessage, Subscription } from './bus.js';
import { errorBody, unwrapReply, type ReplyEnvelope } from './envelope.js';
import type { FromHost, FromWorker } from './port-protocol.js';
import { busJson } from './bus-json.js';

export interface PortBusHost {
  /** Ends the worker's subscriptions and fails what it still waits for. */
  close(): Promise<void>;
}

/**
 * Serves a worker thread's PortBus with `bus`: its calls are made here, and messages for its
 * subscriptions and requests for its responders are passed to it, each waiting for the worker's
 * answer (so a subscription's messages are still handled one at a time, and a handler that throws
 * fails its delivery here, where a durable subscription redelivers it).
 */
export function hostPortBus(bus: Bus, port: MessagePort): PortBusHost {
  const subscriptions = new Map<number, Subscription>();
  /** Deliveries and forwarded requests waiting for the worker, by delivery id. */
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextDelivery = 1;
  const send = (m: FromHost) => port.postMessage(m);

  function forward(sub: number, reply: boolean, msg: BusMessage): Promise<unknown> {
    const id = nextDelivery++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      send({ op: 'deliver', id, sub, reply, subject: msg.subject, msgId: msg.id, json: busJson(msg.data), headers: msg.headers, deliveryCount: msg.deliveryCount });
    });
  }

  function settle(id: number, outcome: () => unknown): void {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    try {
      waiting.resolve(outcome());
    } catch (err) {
      waiting.reject(err as Error);
    }
  }

  async function serve(m: FromWorker): Promise<string | undefined> {
    switch (m.op) {
      case 'publish':
        await bus.publish(m.subject, JSON.parse(m.json), m.opts);
        return undefined;
      case 'subscribe':
        subscriptions.set(m.id, await bus.subscribe(m.subject, (msg) => forward(m.id, false, msg) as Promise<void>, m.opts));
        return undefined;
      case 'respond':
        // Each reply is parsed afresh from the worker's JSON: nothing else holds it.
        subscriptions.set(m.id, await bus.respond(m.subject, (msg) => forward(m.id, true, msg), { ...m.opts, freshReplies: true }));
        return undefined;
      case 'unsubscribe':
        await subscriptions.get(m.sub)?.unsubscribe();
        subscriptions.delete(m.sub);
        return undefined;
      case 'request':
        // The data was parsed from the worker's JSON just now: no one else holds it.
        return busJson((await bus.request(m.subject, JSON.parse(m.json), { ...m.opts, handOver: true })).data);
      case 'ensureStream':
        await bus.ensureStream(m.name, m.subjects);
        return undefined;
      case 'health':
        return JSON.stringify(await bus.health());
      case 'handled':
        settle(m.id, () => { if (m.error !== undefined) throw new Error(m.error); });
        return undefined;
      case 'answer':
        settle(m.id, () => unwrapReply(JSON.parse(m.envelope) as ReplyEnvelope<unknown>));
        return undefined;
    }
  }

  port.on('message', (m: FromWorker) => {
    // 'handled' and 'answer' answer the host's own deliveries: nothing goes back for them.
    if (m.op === 'handled' || m.op === 'answer') return void serve(m);
    serve(m).then(
      (json) => send({ op: 'done', id: m.id, ...(json === undefined ? {} : { json }) }),
      (err: unknown) => send({ op: 'failed', id: m.id, error: { ...errorBody(err), local: !(err instanceof BusRemoteError) } }),
    );
  });

  return {
    async close() {
      await Promise.all([...subscriptions.values()].map((s) => s.unsubscribe()));
      subscriptions.clear();
      for (const waiting of pending.values()) waiting.reject(new Error('the worker thread is gone'));
      pending.clear();
      port.close();
    },
  };
}
