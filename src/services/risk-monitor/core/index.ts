export { RISK_CODES, type RiskCode } from './codes.js';
export { ALLOW, type BuyingPower, type KillSwitchState, type RiskDecision, type RiskEvent, type RiskOrder, type TrackedOrder } from './types.js';
export { DEFAULT_RISK_LIMITS, validLimits, validLimitsPatch, type RiskLimits } from './limits.js';
export { DAILY_LOSS_REASON, RiskEngine } from './engine.js';
export { RUNAWAY_WINDOW_MS, ThrottleLog, TokenBucket } from './throttle.js';
export { REMEMBERED_CLIENT_ORDER_IDS } from './recent-ids.js';
export { CRITICAL_PCT, LIMIT_NAMES, WARNING_PCT, type LimitName } from './utilization.js';
export type { PositionRisk, StrategyRisk } from './snapshot.js';
export { trackedOrderOf } from './exchange-records.js';
