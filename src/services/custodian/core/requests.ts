/** An order's request to hold back what it may spend: USD for a buy, the base asset for a sell. */
export interface ReserveRequest {
  orderId: number;
  account: string;
  symbol: string;
  side: 'buy' | 'sell';
  priceTicks: number;
  qtyLots: number;
}

/** A trade as the custodian needs it. */
export interface CustodyTrade {
  tradeId: number;
  symbol: string;
  priceTicks: number;
  qtyLots: number;
  buyAccount: string;
  sellAccount: string;
  buyOrderId: number;
  sellOrderId: number;
  timeMs: number;
}

/** Throws a TypeError unless `account` is a non-empty string. */
export function checkAccount(account: string): void {
  if (typeof account !== 'string' || account === '') throw new TypeError(`custody: account must be a non-empty string, got ${JSON.stringify(account)}`);
}

/** Throws a RangeError unless the request's id, price and quantity are valid integers (the symbol is checked by the caller). */
export function checkReserveRequest(r: ReserveRequest): void {
  checkAccount(r.account);
  checkId('orderId', r.orderId);
  checkPositive('priceTicks', r.priceTicks);
  checkPositive('qtyLots', r.qtyLots);
  if (r.side !== 'buy' && r.side !== 'sell') throw new RangeError(`custody: side must be buy or sell, got ${JSON.stringify(r.side)}`);
}

/** Throws unless every field of the trade is valid (the symbol is checked by the caller). */
export function checkTrade(t: CustodyTrade): void {
  checkId('tradeId', t.tradeId);
  checkId('buyOrderId', t.buyOrderId);
  checkId('sellOrderId', t.sellOrderId);
  checkAccount(t.buyAccount);
  checkAccount(t.sellAccount);
  checkPositive('priceTicks', t.priceTicks);
  checkPositive('qtyLots', t.qtyLots);
  if (!Number.isFinite(t.timeMs)) throw new RangeError(`custody: trade ${t.tradeId} needs a finite timeMs, got ${t.timeMs}`);
}

function checkId(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`custody: ${name} must be a non-negative integer, got ${v}`);
}

function checkPositive(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`custody: ${name} must be a positive integer, got ${v}`);
}
