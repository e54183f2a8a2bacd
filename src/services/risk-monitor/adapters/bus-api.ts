import { z } from 'zod';
import { strategyOrderRequestSchema } from '../../../contracts/lifecycle.js';
import { RISK_SUBJECTS } from '../../../contracts/subjects.js';
import type { Bus, Subscription } from '../../../platform/bus/index.js';
import { BadRequest, validate } from '../../../platform/errors/index.js';
import { riskLimitsPatchSchema } from '../config.js';
import { limitsFromDollars, limitsToDollars } from '../limits-units.js';
import type { RiskService } from './risk-service.js';

const killSwitchRequest = z.object({
  strategy: z.string().min(1).optional(),
  all: z.boolean().optional(),
  engaged: z.boolean(),
  reason: z.string().max(200).optional(),
}).refine((r) => (r.strategy === undefined) !== (r.all !== true), { message: 'give either strategy or all: true', path: ['strategy'] });
const limitsRequest = z.object({ strategy: z.string().min(1).optional(), patch: riskLimitsPatchSchema.optional() });
const limit = z.number().int().min(1).max(1000).default(100);

/** Risk's request/reply surface: order checks (queue group), operator controls, queries. */
export async function serveRiskApi(bus: Bus, service: RiskService, now: () => number): Promise<Subscription[]> {
  const { engine, repo } = service;
  const queue = 'risk';
  return Promise.all([
    bus.respond(RISK_SUBJECTS.order, (m) => service.handle(validate(strategyOrderRequestSchema, m.data)), { queue }),
    bus.respond(RISK_SUBJECTS.killSwitch, async (m) => {
      const r = validate(killSwitchRequest, m.data);
      const event = engine.setKillSwitch(r.all ? 'global' : { strategy: r.strategy! }, r.engaged, r.reason ?? 'operator', now());
      await service.record(event);
      return engine.killSwitches();
    }, { queue }),
    bus.respond(RISK_SUBJECTS.limits, (m) => {
      const r = validate(limitsRequest, m.data);
      if (r.patch) {
        try {
          engine.setLimits(r.strategy ?? null, limitsFromDollars(r.patch));
        } catch (err) {
          if (err instanceof RangeError) throw new BadRequest(err.message);
          throw err;
        }
      }
      return limitsToDollars(engine.limits(r.strategy ?? null));
    }, { queue }),
    bus.respond(RISK_SUBJECTS.snapshot, (m) => {
      const { strategy } = validate(z.object({ strategy: z.string().optional() }), m.data);
      return (strategy ? [strategy] : engine.strategies()).map((s) => ({ strategy: s, ...engine.snapshot(s, now()) }));
    }, { queue }),
    bus.respond(RISK_SUBJECTS.decisions, (m) => repo.decisionsFor(validate(z.object({ orderIds: z.array(z.number().int().positive()).max(100) }), m.data).orderIds), { queue }),
    bus.respond(RISK_SUBJECTS.fills, (m) => repo.fillsFor(validate(z.object({ tradeId: z.number().int().positive() }), m.data).tradeId), { queue }),
    bus.respond(RISK_SUBJECTS.failures, (m) => repo.failures(validate(z.object({ limit }), m.data).limit), { queue }),
  ]);
}
