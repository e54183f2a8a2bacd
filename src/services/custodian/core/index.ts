export { SETTLEMENT_CODES, RANDOM_FAILURE_REASONS, type SettlementCode } from './codes.js';
export { DEFAULT_CUSTODY_CONFIG, resolveCustodyConfig, type CustodyConfig } from './config.js';
export type { AssetBalance } from './balances.js';
export type { CustodyTrade, ReserveRequest } from './requests.js';
export type { Settlement, SettlementEvent } from './settlement.js';
export { Custody, type CustodyStats, type ReserveResult } from './custody.js';
export { ExchangeFollower } from './exchange-follower.js';
