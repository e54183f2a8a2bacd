import type { ModuleContext } from '../../app/context.js';
import { tradingInstrument } from '../../contracts/trading.js';
import { everySerially, type SerialInterval } from '../../platform/clock/index.js';
import type { ModuleDefinition } from '../../platform/lifecycle/index.js';
import { ChaosFollower } from '../chaos/client/chaos-follower.js';
import { CustodianService } from './adapters/custodian-service.js';
import { SettlementRepository } from './adapters/settlement-repository.js';
import { custodyConfigOf } from './config.js';
import { Custody } from './core/index.js';
import { createCustodianMetrics } from './metrics.js';

/** Balances, reservations and settlement of every trade (T+N on the configured clock), with failures. */
export const custodianModule: ModuleDefinition<ModuleContext> = {
  name: 'custodian',
  description: 'balances, reservations, settlement cycles (T+N on the configured clock), settlement failures',
  dependsOn: ['store', 'bus'],
  targetable: true,
  create(ctx) {
    const cfg = ctx.config.custodian;
    const specs = ctx.config.marketData.instruments;
    const instruments = new Map(specs.map((s) => [s.symbol, tradingInstrument(s)]));
    const assetClass = new Map(specs.map((s) => [s.symbol, s.assetClass]));
    const rng = ctx.random.get('custodian');
    const custody = new Custody(instruments, custodyConfigOf(cfg), () => rng.next());
    const metrics = createCustodianMetrics(ctx.registry);
    let service: CustodianService | undefined;
    let ticks: SerialInterval | undefined;
    let chaos: ChaosFollower | undefined;
    return {
      async start() {
        const repo = new SettlementRepository(ctx.ports.store);
        await repo.migrate();
        service = new CustodianService(custody, repo, { bus: ctx.ports.bus, clock: ctx.clock, logger: ctx.logger, metrics, assetClassOf: (s) => assetClass.get(s) ?? 'unknown' });
        await service.start();
        chaos = new ChaosFollower({ bus: ctx.ports.bus, clock: ctx.clock, logger: ctx.logger });
        await chaos.start();
        // One tick at a time: a slow store must not stack attempts on top of each other. Chaos
        // mode is read at every tick, so it ends even if its announcements stop.
        ticks = everySerially(ctx.clock, cfg.tickMs, () => {
          custody.setInjectedFailureRate(chaos!.effects?.settlementFailureRate ?? 0);
          return service!.tick();
        }, (err) => ctx.logger.error({ err: err.message }, 'settlement tick failed'));
      },
      async stop() {
        await ticks?.stop();
        await chaos?.stop();
        await service?.stop();
      },
    };
  },
};
