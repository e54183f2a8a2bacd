import { notionalMicros, type TradingInstrument } from '../../../contracts/trading.js';
import type { RiskLimits } from './limits.js';
import { ALLOW, reject, type BuyingPower, type RiskDecision, type RiskOrder } from './types.js';

/** What the order-level checks need: the order, its market, the strategy's book as it stands. */
export interface OrderCheckInput {
  order: RiskOrder;
  instrument: TradingInstrument;
  /** Fresh reference (mark) price of the order's symbol, in ticks. */
  referenceTicks: number;
  limits: RiskLimits;
  /** The strategy's current position in the symbol, in lots (negative: short). */
  position: number;
  /** Open lots of the strategy's resting orders in the symbol on the order's side. */
  openSameSide: number;
  openOrderCount: number;
  /** The strategy's current gross and net exposure at the marks (dollar micros). */
  exposure: { gross: number; net: number };
  power: BuyingPower;
}

/**
 * The checks that look at the order itself, in catalogue order: quantity, notional, collar, open
 * orders, position, gross and net exposure, buying power. The first failing one decides.
 */
export function checkOrder(input: OrderCheckInput): RiskDecision {
  const { order, instrument, referenceTicks: ref, limits, position } = input;
  const { symbol, qtyLots: qty } = order;
  const maxQty = limits.maxOrderQtyLots[symbol];
  if (maxQty !== undefined && qty > maxQty) return reject('RISK_MAX_ORDER_QTY', `order qty ${qty} lots exceeds maxOrderQtyLots ${maxQty} for ${symbol}`);

  const price = order.type === 'market' ? ref : order.priceTicks!;
  const notional = notionalMicros(instrument, price, qty);
  if (notional > limits.maxOrderNotional) return reject('RISK_MAX_ORDER_NOTIONAL', `order notional ${notional} micros exceeds maxOrderNotional ${limits.maxOrderNotional}`);

  // Integer form of |price - ref| / ref * 10_000 > collar, so no rounding decides a border case.
  if (order.type === 'limit' && Math.abs(price - ref) * 10_000 > limits.priceCollarBps * ref) {
    const bps = Math.round((Math.abs(price - ref) * 10_000) / ref);
    return reject('RISK_PRICE_COLLAR', `limit price ${price} is ${bps} bps from reference ${ref}, beyond priceCollarBps ${limits.priceCollarBps}`);
  }

  // A replace changes an order that is already counted.
  if (order.kind === 'submit' && input.openOrderCount >= limits.maxOpenOrders) {
    return reject('RISK_MAX_OPEN_ORDERS', `${input.openOrderCount} open orders, maxOpenOrders ${limits.maxOpenOrders}`);
  }

  const direction = order.side === 'buy' ? 1 : -1;
  const projected = position + direction * (input.openSameSide + qty);
  const maxPosition = limits.maxPositionLots[symbol];
  if (maxPosition !== undefined && Math.abs(projected) > maxPosition) {
    return reject('RISK_POSITION_LIMIT', `projected position ${projected} lots in ${symbol} exceeds maxPositionLots ${maxPosition}`);
  }

  // Exposure as it is, with the symbol's position swapped for the projected one (both at the reference).
  const currentValue = notionalMicros(instrument, ref, position);
  const projectedValue = notionalMicros(instrument, ref, projected);
  const gross = input.exposure.gross - Math.abs(currentValue) + Math.abs(projectedValue);
  if (gross > limits.maxGrossExposure) return reject('RISK_GROSS_EXPOSURE', `projected gross exposure ${gross} micros exceeds maxGrossExposure ${limits.maxGrossExposure}`);
  const net = input.exposure.net - currentValue + projectedValue;
  if (Math.abs(net) > limits.maxNetExposure) return reject('RISK_NET_EXPOSURE', `projected net exposure ${net} micros exceeds maxNetExposure ${limits.maxNetExposure}`);

  return checkBuyingPower(order, instrument, notional, input.power);
}

function checkBuyingPower(order: RiskOrder, instrument: TradingInstrument, notional: number, power: BuyingPower): RiskDecision {
  if (order.side === 'buy') {
    return notional <= power.quoteAvailable
      ? ALLOW
      : reject('RISK_BUYING_POWER', `buy notional ${notional} micros exceeds quote available ${power.quoteAvailable}`);
  }
  const base = order.qtyLots * instrument.lotMicros;
  return base <= power.baseAvailable
    ? ALLOW
    : reject('RISK_BUYING_POWER', `sell of ${base} ${instrument.baseAsset} micros exceeds base available ${power.baseAvailable}`);
}
