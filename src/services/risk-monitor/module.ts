import type { ModuleContext } from '../../app/context.js';
import { tradingInstrument } from '../../contracts/trading.js';
import type { Subscription } from '../../platform/bus/index.js';
import { everySerially, type SerialInterval } from '../../platform/clock/index.js';
import type { ModuleDefinition } from '../../platform/lifecycle/index.js';
import { CommandBatcher } from '../exchange/client/command-batcher.js';
import { serveRiskApi } from './adapters/bus-api.js';
import { RiskRepository } from './adapters/risk-repository.js';
import { RiskService } from './adapters/risk-service.js';
import { riskEngineOf } from './config.js';
import { createRiskMetrics } from './metrics.js';

const EXCHANGE_TIMEOUT_MS = 5000;

/** Pre-trade checks on every strategy order, kill switches, positions, P&L and limit breaches. */
export const riskMonitorModule: ModuleDefinition<ModuleContext> = {
  name: 'risk-monitor',
  description: 'pre-trade checks, kill switches, positions, P&L, limit breaches',
  dependsOn: ['store', 'bus'],
  targetable: true,
  create(ctx) {
    const cfg = ctx.config.riskMonitor;
    const instruments = new Map(ctx.config.marketData.instruments.map((s) => [s.symbol, tradingInstrument(s)]));
    const engine = riskEngineOf(cfg, instruments);
    const metrics = createRiskMetrics(ctx.registry);
    let service: RiskService | undefined;
    let subs: Subscription[] = [];
    let evaluations: SerialInterval | undefined;
    return {
      async start() {
        const repo = new RiskRepository(ctx.ports.store);
        await repo.migrate();
        service = new RiskService(engine, repo, new CommandBatcher(ctx.ports, EXCHANGE_TIMEOUT_MS), { bus: ctx.ports.bus, clock: ctx.clock, logger: ctx.logger, metrics });
        await service.start();
        subs = await serveRiskApi(ctx.ports.bus, service, () => ctx.clock.now());
        evaluations = everySerially(ctx.clock, cfg.evaluateIntervalMs, () => service!.evaluate(), (err) => ctx.logger.error({ err: err.message }, 'risk evaluation failed'));
      },
      async stop() {
        await evaluations?.stop();
        await Promise.all(subs.splice(0).map((s) => s.unsubscribe()));
        await service?.stop();
      },
    };
  },
};
