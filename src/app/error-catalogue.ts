import { CHAOS_CODES } from '../contracts/chaos.js';
import { ERROR_CODES } from '../contracts/error-codes.js';
import { SETTLEMENT_CODES } from '../services/custodian/core/index.js';
import { EXCHANGE_CODES } from '../services/exchange/error-codes.js';
import { RISK_CODES } from '../services/risk-monitor/core/index.js';

/** Every code an API answer, a rejection or a failure record can carry, with what it means. */
export const ERROR_CATALOGUE: Readonly<Record<string, string>> = Object.freeze({
  ...ERROR_CODES, ...EXCHANGE_CODES, ...RISK_CODES, ...SETTLEMENT_CODES, ...CHAOS_CODES,
  RISK_LIMIT_BREACH: 'A strategy reached a risk limit (position, exposure, open orders or daily loss) after trading.',
});
