import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { TradewatchError } from '../../platform/errors/index.js';
import { requestContextFrom, runWithRequestContext } from '../../platform/telemetry/index.js';
import { NOT_A_JSON_OBJECT } from './api-errors.js';
import type { KeyRateLimit } from './auth/index.js';
import type { ExchangeClient } from './order-routes.js';
import { newOrderBody, parseJsonObject, parseBody, parseOrderId, replaceBody, toCancel, toReplace, toSubmit } from './order-translate.js';
import type { OrderRecord } from '../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../contracts/subjects.js';
import type { OrderEntryMetrics } from './metrics.js';
import { batchedSender, OrderEntryFlow, type OrderEntryLimits } from './ws-flow.js';

type Op = { op?: unknown; req_id?: unknown; order_id?: unknown; [k: string]: unknown };

/**
 * WS /ws/orders: order entry for high rates. Requests are pipelined; each answer carries the
 * request's req_id. {"op":"new", ...order fields} | {"op":"cancel","order_id","account"} |
 * {"op":"replace","order_id", price?, quantity?, account} -> {"type":"ack",...} | {"type":"error",...}.
 * Each connection is flow-controlled (see OrderEntryFlow): a client that pipelines without end,
 * or stops reading its answers, is held back by TCP instead of filling the gateway's memory.
 */
export function installOrderWebSocket(app: FastifyInstance, exchange: ExchangeClient, rateLimit: KeyRateLimit, limits: OrderEntryLimits, metrics: OrderEntryMetrics): void {
  app.get('/ws/orders', { websocket: true, config: { role: 'trader' } }, (ws: WebSocket, req) => {
    const flow = new OrderEntryFlow(ws, limits, (reason) => metrics.throttled.inc({ reason }));
    const send = batchedSender(ws, () => flow.check());
    const answer = (payload: unknown) => {
      send(payload);
      flow.answered();
    };
    const key = req.apiKey!;
    ws.on('message', (raw) => {
      flow.received();
      const msg = parseJsonObject(raw.toString()) as Op | null;
      if (!msg) return answer({ type: 'error', req_id: null, error: NOT_A_JSON_OBJECT });
      const reqId = typeof msg.req_id === 'string' || typeof msg.req_id === 'number' ? msg.req_id : null;
      const waitS = rateLimit(key);
      if (waitS > 0) {
        return answer({ type: 'error', req_id: reqId, error: { code: 'RATE_LIMITED', message: `key ${key.keyId} is over its rate limit`, retry_after_ms: Math.ceil(waitS * 1000) } });
      }
      const ctx = requestContextFrom(reqId === null ? undefined : `ws-${String(reqId)}`);
      void runWithRequestContext(ctx, () => handle(exchange, msg)).then(
        ({ order, trades }) => answer({ type: 'ack', req_id: reqId, order, trades }),
        (err: unknown) => {
          const e = err instanceof TradewatchError ? err : new TradewatchError('INTERNAL', 'internal error', 500);
          answer({ type: 'error', req_id: reqId, error: { code: e.code, message: e.message } });
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
      return exchange.replyView(await exchange.command(toCancel(orderIdOf(op, orderIdRaw), typeof fields.account === 'string' ? fields.account : 'default')));
    case 'replace': {
      const orderId = orderIdOf(op, orderIdRaw);
      const current = await exchange.query<OrderRecord>(EXCHANGE_SUBJECTS.getOrder, { orderId });
      return exchange.replyView(await exchange.command(toReplace(orderId, parseBody(replaceBody, fields), exchange.spec(current.symbol))));
    }
    default:
      throw new TradewatchError('INVALID_REQUEST', 'op must be "new", "cancel" or "replace"', 400);
  }
}

/** The order a cancel or replace names: its `order_id` field, as a string ("42") or a number. */
function orderIdOf(op: string, raw: unknown): number {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new TradewatchError('INVALID_REQUEST', `order_id: required for ${op}, e.g. "order_id":"42"`, 400);
  return parseOrderId(String(raw));
}
