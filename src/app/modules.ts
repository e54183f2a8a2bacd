import { ModuleTable } from '../platform/lifecycle/index.js';
import { chaosModule } from '../services/chaos/module.js';
import { custodianModule } from '../services/custodian/module.js';
import { exchangeModule } from '../services/exchange/module.js';
import { gatewayModule } from '../services/gateway/module.js';
import { marketDataModule } from '../services/market-data/module.js';
import { observabilityModule } from '../services/observability/module.js';
import { riskMonitorModule } from '../services/risk-monitor/module.js';
import { strategyEngineModule } from '../services/strategy-engine/module.js';
import type { ModuleContext } from './context.js';
import { busModule, storeModule } from './infra-modules.js';
import { portFor } from './ports.js';

/**
 * The one dependency table. `tradewatch start --target X` runs X and what it depends on;
 * `--target all` runs every module in one process. Dependencies here are in-process ones;
 * services reach each other over the bus, never by depending on each other's modules.
 */
export const moduleTable = new ModuleTable<ModuleContext>([
  storeModule,
  busModule,
  marketDataModule,
  exchangeModule,
  custodianModule,
  riskMonitorModule,
  strategyEngineModule,
  gatewayModule,
  observabilityModule,
  chaosModule,
]);

export function describeTable() {
  return {
    targets: moduleTable.targets(),
    modules: moduleTable.modules.map((m) => ({
      name: m.name,
      description: m.description,
      dependsOn: [...m.dependsOn],
      startsAfter: [...(m.startsAfter ?? [])],
      level: moduleTable.level(m.name),
      targetable: m.targetable,
      ...(m.targetable ? { default_port: portFor(m.name) } : {}),
    })),
  };
}
