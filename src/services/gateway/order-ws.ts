import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { TradewatchError } from '../../platform/errors/index.js';
import { requestContextFrom, runWithRequestContext } from '../../platform/telemetry/index.js';
import type { KeyRateLimit } from './auth/index.js';
import type { ExchangeClient } from './order-routes.js';
import { newOrderBody, parseBody, parseOrderId, replaceBody, toReplace, toSubmit } from './order-translate.js';
import type { OrderRecord } from '../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../contracts/subjects.js';

type Op = { op?: unknown; req_id?: unknown; order_id?: unknown; [k: string]: unknown };

/**
 * WS /ws/orders: order entry for high rates. Requests are pipelined; each answer carries the
 * request's req_id. {"op":"new", ...order fields} | {"op":"cancel","order_id","account"} |
 * {"op":"replace","order_id", price?, quantity?, account} -> {"type":"ack",...} | {"type":"error",...}.
 */
export function installOrderWebSocket(app: FastifyInstance, exchange: ExchangeClient, rateLimit: KeyRateLimit): void {
  app.get('/ws/orders', { websocket: true, config: { role: 'trader' } }, (ws: WebSocket, req) => {
    const send = batchedSender(ws);
    const key = req.apiKey!;
    ws.on('message', (raw) => {
      let msg: Op;
      try {
        msg = JSON.parse(raw.toString()) as Op;
      } catch {
        return send({ type: 'error', req_id: null, error: { code: 'INVALID_JSON', message: 'messages must be JSON objects' } });
      }
      const reqId = typeof msg.req_id === 'string' || typeof msg.req_id === 'number' ? msg.req_id : null;
      const waitS = rateLimit(key);
      if (waitS > 0) {
        return send({ type: 'error', req_id: reqId, error: { code: 'RATE_LIMITED', message: `key ${key.keyId} is over its rate limit`, retry_after_ms: Math.ceil(waitS * 1000) } });
      }
      const ctx = requestContextFrom(reqId === null ? undefined : `ws-${String(reqId)}`);
      void runWithRequestContext(ctx, () => handle(exchange, msg)).then(
        (result) => send({ type: 'ack', req_id: reqId, ...result }),
        (err: unknown) => {
          const e = err instanceof TradewatchError ? err : new TradewatchError('INTERNAL', 'internal error', 500);
          send({ type: 'error', req_id: reqId, error: { code: e.code, message: e.message } });
        },
      );
    });
  });
}

async function handle(exchange: ExchangeClient, msg: Op) {
  const { op, req_id: _r, order_id: orderIdRaw, ...fields } = msg;
  switch (op) {
    case 'new':
      return exchange.replyView(await exchange.command(toSubmit(parseBody(newOrderBody, fields), exchange.instruments())));
    case 'cancel':
      return exchange.replyView(await exchange.command({ kind: 'cancel', account: typeof fields.account === 'string' ? fields.account : 'default', orderId: parseOrderId(String(orderIdRaw)) }));
    case 'replace': {
      const orderId = parseOrderId(String(orderIdRaw));
      const current = await exchange.query<OrderRecord>(EXCHANGE_SUBJECTS.getOrder, { orderId });
      return exchange.replyView(await exchange.command(toReplace(orderId, parseBody(replaceBody, fields), exchange.spec(current.symbol))));
    }
    default:
      throw new TradewatchError('INVALID_REQUEST', 'op must be "new", "cancel" or "replace"', 400);
  }
}

/**
 * Answers that become ready together (a batch of orders acknowledged by one commit) leave in one
 * write: the socket is corked while they are framed, so the kernel sees one call instead of one
 * per answer. ws frames through its private `_socket`; without it, answers go out one by one.
 */
function batchedSender(ws: WebSocket): (payload: unknown) => void {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  let queued: string[] = [];
  const flush = () => {
    const out = queued;
    queued = [];
    if (ws.readyState !== ws.OPEN) return;
    socket?.cork();
    for (const text of out) ws.send(text);
    socket?.uncork();
  };
  return (payload) => {
    if (queued.push(JSON.stringify(payload)) === 1) process.nextTick(flush);
  };
}
