import { PositionBook, type TradingInstrument } from '../../../contracts/trading.js';
import { OpenOrders } from './open-orders.js';
import { RecentIds } from './recent-ids.js';
import { ThrottleLog, TokenBucket } from './throttle.js';
import { BreachLevels } from './utilization.js';

const DAY_MS = 86_400_000;

/** Everything risk keeps for one strategy: positions, resting orders, order rate, P&L day. */
export class StrategyState {
  readonly positions: PositionBook;
  readonly openOrders = new OpenOrders();
  readonly bucket = new TokenBucket();
  readonly throttles = new ThrottleLog();
  readonly clientOrderIds = new RecentIds();
  readonly breaches = new BreachLevels();
  /** The UTC day (days since the epoch) dayStartPnl belongs to; null until a time is seen. */
  private day: number | null = null;
  /** Realized + unrealized P&L at the start of `day`; 0 on the day the strategy is first seen. */
  private dayStartPnl = 0;

  constructor(instruments: ReadonlyMap<string, TradingInstrument>) {
    this.positions = new PositionBook(instruments);
  }

  /** Unrealized P&L at the marks (dollar micros); an unmarked position counts as 0. */
  unrealized(marks: ReadonlyMap<string, number>): number {
    let sum = 0;
    for (const p of this.positions.all()) {
      const mark = marks.get(p.symbol);
      if (mark !== undefined) sum += this.positions.unrealized(p.symbol, mark);
    }
    return sum;
  }

  totalPnl(marks: ReadonlyMap<string, number>): number {
    return this.positions.realizedTotal() + this.unrealized(marks);
  }

  /**
   * Starts a new P&L day when `nowMs` is in a later UTC day. Called before every fill and mark
   * change, so the P&L it records is exactly the P&L at midnight: nothing changed in between.
   */
  rollDay(nowMs: number, marks: ReadonlyMap<string, number>): void {
    const day = Math.floor(nowMs / DAY_MS);
    if (this.day === null) this.day = day;
    else if (day > this.day) {
      this.dayStartPnl = this.totalPnl(marks);
      this.day = day;
    }
  }

  /** P&L since the start of the UTC day of `nowMs`. */
  dailyPnl(nowMs: number, marks: ReadonlyMap<string, number>): number {
    this.rollDay(nowMs, marks);
    return this.totalPnl(marks) - this.dayStartPnl;
  }
}
