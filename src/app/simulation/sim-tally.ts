import type { TradeRecord } from '../../contracts/orders.js';
import { fnv1a } from '../../platform/random/index.js';

const FNV_OFFSET = 0x811c9dc5;

/** What a simulated run did, with a hash over every trade (id, book, price, quantity, sides, time). */
export class SimTally {
  trades = 0;
  ordersAccepted = 0;
  private hash = FNV_OFFSET;
  readonly rejections: Record<string, Record<string, number>> = { risk: {}, exchange: {} };
  readonly settlements: Record<string, number> = { settled: 0, retried: 0, failed: 0 };
  readonly riskEvents: Record<string, number> = {};
  readonly tradesBySymbol: Record<string, number> = {};

  get tradeHash(): string {
    return this.hash.toString(16).padStart(8, '0');
  }

  trade(t: TradeRecord): void {
    this.trades++;
    this.tradesBySymbol[t.symbol] = (this.tradesBySymbol[t.symbol] ?? 0) + 1;
    this.hash = fnv1a(`${t.tradeId},${t.symbol},${t.price},${t.qty},${t.makerOrderId},${t.takerOrderId},${t.timeMs};`, this.hash);
  }

  accepted(): void {
    this.ordersAccepted++;
  }

  rejected(by: 'risk' | 'exchange', code: string): void {
    const counts = this.rejections[by]!;
    counts[code] = (counts[code] ?? 0) + 1;
  }

  settlement(type: string): void {
    this.settlements[type] = (this.settlements[type] ?? 0) + 1;
  }

  riskEvent(type: string, severity: string): void {
    const key = `${type}:${severity}`;
    this.riskEvents[key] = (this.riskEvents[key] ?? 0) + 1;
  }
}
