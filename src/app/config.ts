import type { z } from 'zod';
import { baseConfigSchema } from '../platform/config/index.js';
import { chaosConfigSchema } from '../services/chaos/config.js';
import { custodianConfigSchema } from '../services/custodian/config.js';
import { exchangeConfigSchema } from '../services/exchange/config.js';
import { gatewayConfigSchema } from '../services/gateway/config.js';
import { marketDataConfigSchema } from '../services/market-data/config.js';
import { observabilityConfigSchema } from '../services/observability/config.js';
import { riskMonitorConfigSchema } from '../services/risk-monitor/config.js';
import { strategyEngineConfigSchema } from '../services/strategy-engine/config.js';

/** The platform's settings joined with each service's own section. */
export const appConfigSchema = baseConfigSchema.extend({
  marketData: marketDataConfigSchema.default(marketDataConfigSchema.parse({})),
  exchange: exchangeConfigSchema.default(exchangeConfigSchema.parse({})),
  gateway: gatewayConfigSchema.default(gatewayConfigSchema.parse({})),
  custodian: custodianConfigSchema.default(custodianConfigSchema.parse({})),
  strategyEngine: strategyEngineConfigSchema.default(strategyEngineConfigSchema.parse({})),
  riskMonitor: riskMonitorConfigSchema.default(riskMonitorConfigSchema.parse({})),
  observability: observabilityConfigSchema.default(observabilityConfigSchema.parse({})),
  chaos: chaosConfigSchema.default(chaosConfigSchema.parse({})),
}).superRefine((c, ctx) => {
  if (c.exchange.thread === 'worker' && c.clock.mode === 'sim') {
    ctx.addIssue({ code: 'custom', path: ['exchange', 'thread'], message: 'worker needs clock.mode real: a simulated clock runs in the main thread only (use main with --clock sim)' });
  }
});

export type AppConfig = z.output<typeof appConfigSchema>;
