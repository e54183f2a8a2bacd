import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { wholeNumberParam } from '../../platform/http/index.js';
import type { BookStatus, ExchangeStatus } from '../../contracts/orders.js';
import { CHAOS_SUBJECTS, CUSTODIAN_SUBJECTS, EXCHANGE_SUBJECTS, RISK_SUBJECTS, STRATEGY_SUBJECTS } from '../../contracts/subjects.js';
import { validate } from '../../platform/errors/index.js';
import { riskLimitsPatchSchema } from '../risk-monitor/config.js';
import type { ExchangeClient } from './order-routes.js';
import { bookStatusView, exchangeStatusView, parseId } from './order-translate.js';
import { latestFailures, tradeTimeline } from './trade-timeline.js';

const failuresQuery = z.object({
  limit: wholeNumberParam(1, 1000, 20),
  service: z.enum(['exchange', 'risk-monitor', 'custodian']).optional(),
  /** ISO time or ms since epoch: only failures at or after it. */
  since: z.union([z.coerce.number().int().nonnegative(), z.string().datetime({ offset: true }).transform((t) => Date.parse(t))]).optional(),
});
const chaosBody = z.strictObject({ enabled: z.boolean() });
const strategyQuery = z.object({ strategy: z.string().optional() });
const killSwitchBody = z.strictObject({
  strategy: z.string().min(1).optional(), all: z.boolean().optional(), engaged: z.boolean(), reason: z.string().max(200).optional(),
});
const limitsBody = riskLimitsPatchSchema.extend({ strategy: z.string().min(1).optional() });
const rateBody = z.strictObject({ multiplier: z.number().int().min(1).max(1000) });
const failureRateBody = z.strictObject({ rate: z.number().min(0).max(1) });
const maintenanceBody = z.strictObject({ enabled: z.boolean(), reason: z.string().max(200).optional() });
/** Halt and resume of one book; the reason goes to the log and the journal. */
const haltBody = z.strictObject({ symbol: z.string().min(1).transform((s) => s.toUpperCase()), reason: z.string().max(200).optional() });

const viewer = (summary: string, query?: z.ZodType) => ({ config: { role: 'viewer' as const, summary, query } });
const operator = (summary: string, body?: z.ZodType) => ({ config: { role: 'operator' as const, summary, body } });

/** The trading loop through the gateway: timelines, failures, strategies, risk and custody controls. */
export function installLoopRoutes(app: FastifyInstance, exchange: ExchangeClient): void {
  const ask = <R>(subject: string, data: unknown) => exchange.query<R>(subject, data);

  app.get<{ Params: { id: string } }>('/api/v1/trades/:id', viewer('One trade with its full timeline: decisions, risk, orders, positions, settlement'),
    (req) => tradeTimeline(exchange, parseId(req.params.id, 'trade id')));
  app.get('/api/v1/failures', viewer('The latest failures across services, newest first', failuresQuery),
    (req) => {
      const q = validate(failuresQuery, req.query);
      return latestFailures(exchange, { limit: q.limit, service: q.service, sinceMs: q.since });
    });
  app.get('/api/v1/chaos', viewer('Chaos mode: on or off, since when, what switched it, and its effects'), () => ask(CHAOS_SUBJECTS.status, {}));
  app.post('/api/v1/chaos', operator('Chaos mode on or off (writes or removes the flag file chaos.flag in the chaos service\'s data dir)', chaosBody),
    (req) => ask(CHAOS_SUBJECTS.set, validate(chaosBody, req.body)));

  app.get('/api/v1/strategies', viewer('Every strategy: state, positions, P&L, signals'), async () => ({ strategies: await ask(STRATEGY_SUBJECTS.status, {}) }));
  for (const action of ['pause', 'resume'] as const) {
    app.post<{ Params: { name: string } }>(`/api/v1/strategies/:name/${action}`, operator(`${action === 'pause' ? 'Pause' : 'Resume'} a strategy`),
      (req) => ask(STRATEGY_SUBJECTS.control, { name: req.params.name, action }));
  }
  app.post<{ Params: { name: string } }>('/api/v1/strategies/:name/rate', operator('Multiply a strategy\'s order rate (game days: a runaway strategy; 1 = normal)', rateBody),
    (req) => ask(STRATEGY_SUBJECTS.rate, { name: req.params.name, ...validate(rateBody, req.body) }));

  app.get('/api/v1/risk/positions', viewer('Positions, P&L and limit utilization per strategy, as risk sees them', strategyQuery),
    async (req) => ({ strategies: await ask(RISK_SUBJECTS.snapshot, validate(strategyQuery, req.query)) }));
  app.get('/api/v1/risk/limits', viewer('The limits of a strategy (or the defaults); money in dollars', strategyQuery),
    (req) => ask(RISK_SUBJECTS.limits, validate(strategyQuery, req.query)));
  app.patch('/api/v1/risk/limits', operator('Change limits of a strategy (or the defaults without "strategy")', limitsBody), (req) => {
    const { strategy, ...patch } = validate(limitsBody, req.body);
    return ask(RISK_SUBJECTS.limits, { strategy, patch });
  });
  app.post('/api/v1/risk/kill-switch', operator('Engage or release a kill switch: {"strategy": "mm-btc"} or {"all": true}', killSwitchBody),
    async (req) => ({ kill_switches: await ask(RISK_SUBJECTS.killSwitch, validate(killSwitchBody, req.body)) }));

  app.post('/api/v1/exchange/maintenance', operator('Maintenance mode on or off: while on the exchange answers every order 503', maintenanceBody),
    async (req) => exchangeStatusView(await ask<ExchangeStatus>(EXCHANGE_SUBJECTS.maintenance, validate(maintenanceBody, req.body))));
  const setHalt = async (body: unknown, halted: boolean) => bookStatusView(await ask<BookStatus>(EXCHANGE_SUBJECTS.halt, { ...validate(haltBody, body), halted }));
  app.post('/api/v1/exchange/halt', operator('Halt trading in one book until resumed: only cancels are accepted (409 BOOK_HALTED if already halted)', haltBody),
    (req) => setHalt(req.body, true));
  app.post('/api/v1/exchange/resume', operator('Resume trading in a halted book, after an operator or circuit-breaker halt (409 BOOK_NOT_HALTED if open)', haltBody),
    (req) => setHalt(req.body, false));

  app.get<{ Params: { id: string } }>('/api/v1/settlements/:id', viewer('The settlement of a trade, with its history'),
    (req) => ask(CUSTODIAN_SUBJECTS.settlement, { tradeId: parseId(req.params.id, 'trade id') }));
  app.get<{ Params: { account: string } }>('/api/v1/accounts/:account/balances', viewer('Balances of an account per asset (micro-units)'),
    (req) => ask(CUSTODIAN_SUBJECTS.balances, { account: req.params.account }));
  app.post('/api/v1/custodian/failure-rate', operator('Set the settlement failure rate (0..1)', failureRateBody),
    (req) => ask(CUSTODIAN_SUBJECTS.failureRate, validate(failureRateBody, req.body)));
}
