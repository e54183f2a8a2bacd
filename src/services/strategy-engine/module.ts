import type { ModuleContext } from '../../app/context.js';
import { tradingInstrument } from '../../contracts/trading.js';
import type { TimerHandle } from '../../platform/clock/index.js';
import type { ModuleDefinition } from '../../platform/lifecycle/index.js';
import { StrategyService } from './adapters/strategy-service.js';
import { defaultStrategies, StrategyRunner, type StrategyConfig } from './core/index.js';
import { createStrategyMetrics } from './metrics.js';

/** The venue's own traders: market makers, momentum, mean reversion, peg arbitrage, through risk. */
export const strategyEngineModule: ModuleDefinition<ModuleContext> = {
  name: 'strategy-engine',
  description: 'strategies (market making, momentum, mean reversion, peg arbitrage) placing orders through risk',
  dependsOn: ['bus'],
  // Its orders go through risk to the exchange: in one process, no order before they answer.
  startsAfter: ['risk-monitor', 'exchange'],
  targetable: true,
  create(ctx) {
    const specs = ctx.config.marketData.instruments;
    const configured = ctx.config.strategyEngine.strategies as unknown as StrategyConfig[];
    // The store outlives the run: the start time tags this run's client order ids (see OrderIds).
    const runner = new StrategyRunner(configured.length > 0 ? configured : defaultStrategies(specs),
      new Map(specs.map((s) => [s.symbol, tradingInstrument(s)])), (name) => ctx.random.get(`strategy:${name}`), ctx.clock.now().toString(36));
    const metrics = createStrategyMetrics(ctx.registry);
    let service: StrategyService | undefined;
    let timer: TimerHandle | undefined;
    return {
      async start() {
        if (!ctx.config.strategyEngine.enabled) {
          ctx.logger.warn('strategies are disabled (strategyEngine.enabled=false): the house trades nothing');
          return;
        }
        service = new StrategyService(runner, { bus: ctx.ports.bus, clock: ctx.clock, logger: ctx.logger, metrics, tracer: ctx.tracer });
        await service.start();
        timer = ctx.clock.setInterval(() => service!.refreshStatus(), ctx.config.strategyEngine.statusIntervalMs);
      },
      async stop() {
        if (timer) ctx.clock.clearTimer(timer);
        await service?.stop();
      },
    };
  },
};
