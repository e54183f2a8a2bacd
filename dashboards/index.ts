// Every tradewatch dashboard, built with the Grafana Foundation SDK. `npm run dashboards` writes
// them to deploy/grafana/dashboards/<uid>.json (see write.ts).
import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import { auditCorrelation } from './audit-correlation.js';
import { businessOperations } from './business-operations.js';
import { executiveOverview } from './executive-overview.js';
import { infrastructure } from './infrastructure.js';
import { riskMonitoring } from './risk-monitoring.js';
import { systemHealth } from './system-health.js';
import { systemPerformance } from './system-performance.js';

const builders = [systemHealth, businessOperations, executiveOverview, riskMonitoring, auditCorrelation, systemPerformance, infrastructure];

/** Panels and rows get ids 1, 2, ... in layout order (the builders leave them unset or 0). */
function numbered(dashboard: Dashboard): Dashboard {
  let id = 0;
  const panels = (dashboard.panels ?? []).map((p: Panel | RowPanel) => ({ ...p, id: ++id }));
  return { ...dashboard, panels };
}

/** Every dashboard, built. */
export function buildDashboards(): Dashboard[] {
  return builders.map((build) => numbered(build().build()));
}
