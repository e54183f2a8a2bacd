/** Strategy configurations and their validation. Basis points (bps) are 1/10,000 of a price. */
export type StrategyConfig =
  | { kind: 'market-maker'; name: string; symbols: string[]; halfSpreadBps: number; quoteLots: number; maxInventoryLots: number; skewBps: number; requoteBps: number }
  | { kind: 'momentum'; name: string; symbols: string[]; fastWindow: number; slowWindow: number; thresholdBps: number; orderLots: number; maxPositionLots: number; cooldownMs: number }
  | { kind: 'mean-reversion'; name: string; symbols: string[]; window: number; entryZ: number; exitZ: number; orderLots: number; maxPositionLots: number; cooldownMs: number }
  | { kind: 'peg-arbitrage'; name: string; symbols: string[]; pegTicks: Record<string, number>; thresholdBps: number; orderLots: number; maxPositionLots: number; cooldownMs: number }
  | { kind: 'client-flow'; name: string; symbols: string[]; ordersPerMinute: number; slippageBps: number; orderLots: number; maxPositionLots: number; cooldownMs: number };

export type StrategyKind = StrategyConfig['kind'];

export const STRATEGY_KINDS: readonly StrategyKind[] = ['market-maker', 'momentum', 'mean-reversion', 'peg-arbitrage', 'client-flow'];

/** The exchange's price band: quotes further than this from the market are refused there. */
const PRICE_BAND_BPS = 1_000;
const MAX_WINDOW = 100_000;
/** Names become client order id prefixes and accounts (`strat-<name>`), both at most 64 chars. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/**
 * Checks one configuration against the known symbols; throws a RangeError (TypeError for a value
 * of the wrong type) naming the strategy and the field.
 */
export function validateStrategyConfig(config: StrategyConfig, symbols: ReadonlySet<string>): void {
  if (typeof config.name !== 'string') throw new TypeError('strategy name must be a string');
  if (!NAME.test(config.name)) throw new RangeError(`strategy name "${config.name}" must be 1-40 letters, digits, '-' or '_'`);
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new RangeError(`strategy "${config.name}": ${field} ${rule}, got ${JSON.stringify(value)}`);
  };
  const check = (field: string, value: unknown, ok: (v: number) => boolean, rule: string) => {
    if (typeof value !== 'number') throw new TypeError(`strategy "${config.name}": ${field} must be a number, got ${typeof value}`);
    if (!Number.isFinite(value) || !ok(value)) fail(field, rule, value);
  };
  const positiveInt = (field: string, value: number, max = Number.MAX_SAFE_INTEGER) =>
    check(field, value, (v) => Number.isSafeInteger(v) && v >= 1 && v <= max, `must be an integer from 1 to ${max}`);
  const nonNegative = (field: string, value: number, max = Infinity) => check(field, value, (v) => v >= 0 && v <= max, `must be from 0 to ${max}`);

  if (!STRATEGY_KINDS.includes(config.kind)) fail('kind', `must be one of ${STRATEGY_KINDS.join(', ')}`, config.kind);
  if (!Array.isArray(config.symbols)) throw new TypeError(`strategy "${config.name}": symbols must be an array`);
  if (config.symbols.length === 0) fail('symbols', 'must name at least one symbol', config.symbols);
  if (new Set(config.symbols).size !== config.symbols.length) fail('symbols', 'must not repeat a symbol', config.symbols);
  for (const s of config.symbols) if (!symbols.has(s)) fail('symbols', `must be known instruments (${[...symbols].join(', ')})`, s);

  switch (config.kind) {
    case 'market-maker':
      check('halfSpreadBps', config.halfSpreadBps, (v) => v > 0 && v < PRICE_BAND_BPS, `must be above 0 and below ${PRICE_BAND_BPS}`);
      nonNegative('skewBps', config.skewBps);
      if (config.halfSpreadBps + config.skewBps >= PRICE_BAND_BPS) fail('skewBps', `plus halfSpreadBps must stay below the ${PRICE_BAND_BPS} bps price band`, config.skewBps);
      nonNegative('requoteBps', config.requoteBps, PRICE_BAND_BPS);
      positiveInt('quoteLots', config.quoteLots);
      positiveInt('maxInventoryLots', config.maxInventoryLots);
      return;
    case 'momentum':
      positiveInt('fastWindow', config.fastWindow, MAX_WINDOW);
      positiveInt('slowWindow', config.slowWindow, MAX_WINDOW);
      if (config.slowWindow <= config.fastWindow) fail('slowWindow', `must be greater than fastWindow (${config.fastWindow})`, config.slowWindow);
      nonNegative('thresholdBps', config.thresholdBps, PRICE_BAND_BPS);
      break;
    case 'mean-reversion':
      check('window', config.window, (v) => Number.isSafeInteger(v) && v >= 2 && v <= MAX_WINDOW, `must be an integer from 2 to ${MAX_WINDOW}`);
      check('entryZ', config.entryZ, (v) => v > 0, 'must be above 0');
      check('exitZ', config.exitZ, (v) => v >= 0 && v < config.entryZ, `must be from 0 to below entryZ (${config.entryZ})`);
      break;
    case 'peg-arbitrage':
      if (typeof config.pegTicks !== 'object' || config.pegTicks === null) throw new TypeError(`strategy "${config.name}": pegTicks must be an object`);
      for (const s of config.symbols) positiveInt(`pegTicks.${s}`, config.pegTicks[s]!);
      for (const s of Object.keys(config.pegTicks)) if (!config.symbols.includes(s)) fail('pegTicks', 'must only name the strategy\'s symbols', s);
      nonNegative('thresholdBps', config.thresholdBps, PRICE_BAND_BPS);
      break;
    case 'client-flow':
      check('ordersPerMinute', config.ordersPerMinute, (v) => v > 0 && v <= 6_000, 'must be above 0 and at most 6000');
      nonNegative('slippageBps', config.slippageBps, PRICE_BAND_BPS / 2);
      break;
  }
  positiveInt('orderLots', config.orderLots);
  positiveInt('maxPositionLots', config.maxPositionLots);
  nonNegative('cooldownMs', config.cooldownMs);
}

/** Validates every configuration and that names are unique. */
export function validateStrategyConfigs(configs: readonly StrategyConfig[], symbols: ReadonlySet<string>): void {
  const names = new Set<string>();
  for (const config of configs) {
    validateStrategyConfig(config, symbols);
    if (names.has(config.name)) throw new RangeError(`strategy "${config.name}": name is used by another strategy`);
    names.add(config.name);
  }
}
