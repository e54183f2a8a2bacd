/** One asset of one account, in micros. `total` is what the account owns at the custodian now. */
export interface AssetBalance {
  /** available + reserved + pendingOut: incoming amounts count only once they settle. */
  total: number;
  /** Free to reserve or to be taken by a trade. Negative only after an unfunded trade. */
  available: number;
  /** Held for open orders. */
  reserved: number;
  /** Bought or sold into, waiting for settlement. */
  pendingIn: number;
  /** Traded away, leaving at settlement (or back to available if settlement fails). */
  pendingOut: number;
}

/** One direction of a trade: `payer` owes `amount` of `asset` to `receiver`. */
export interface Leg {
  payer: string;
  receiver: string;
  asset: string;
  amount: number;
}

interface Holding {
  available: number;
  reserved: number;
  pendingIn: number;
  pendingOut: number;
}

const EMPTY: Readonly<Holding> = { available: 0, reserved: 0, pendingIn: 0, pendingOut: 0 };

/**
 * Every account's balances and the moves between their buckets. Moves are unchecked: callers
 * decide what is allowed (reserve refuses, an unfunded trade may take available below zero).
 */
export class BalanceLedger {
  private readonly accounts = new Map<string, Map<string, Holding>>();

  constructor(private readonly defaults: Readonly<Record<string, number>>) {}

  /** Opens an account with `balances` (the defaults if omitted); false if it was already open. */
  open(account: string, balances: Readonly<Record<string, number>> = this.defaults): boolean {
    if (this.accounts.has(account)) return false;
    const holdings = new Map<string, Holding>();
    for (const asset of Object.keys(balances).sort()) holdings.set(asset, { ...EMPTY, available: balances[asset]! });
    this.accounts.set(account, holdings);
    return true;
  }

  /** Available micros of `asset`; an account not yet open shows its default balance. */
  available(account: string, asset: string): number {
    const holdings = this.accounts.get(account);
    return holdings ? (holdings.get(asset)?.available ?? 0) : (this.defaults[asset] ?? 0);
  }

  /** Every asset the account holds, by asset name; an account not yet open shows the defaults. */
  view(account: string): Record<string, AssetBalance> {
    const out: Record<string, AssetBalance> = {};
    const holdings = this.accounts.get(account);
    if (!holdings) {
      for (const asset of Object.keys(this.defaults).sort()) out[asset] = balanceOf({ ...EMPTY, available: this.defaults[asset]! });
      return out;
    }
    for (const asset of [...holdings.keys()].sort()) out[asset] = balanceOf(holdings.get(asset)!);
    return out;
  }

  /** available -> reserved. */
  hold(account: string, asset: string, amount: number): void {
    const h = this.holding(account, asset);
    h.available -= amount;
    h.reserved += amount;
  }

  /** reserved -> available. */
  unhold(account: string, asset: string, amount: number): void {
    const h = this.holding(account, asset);
    h.reserved -= amount;
    h.available += amount;
  }

  /**
   * A trade: the payer's `fromReserved` micros leave reserved and the rest leaves available, all
   * into pendingOut; the receiver expects the amount. Returns the payer's available afterwards.
   */
  commit(leg: Leg, fromReserved: number): number {
    const out = this.holding(leg.payer, leg.asset);
    out.reserved -= fromReserved;
    out.available -= leg.amount - fromReserved;
    out.pendingOut += leg.amount;
    this.holding(leg.receiver, leg.asset).pendingIn += leg.amount;
    return out.available;
  }

  /** Settlement: the amount leaves the payer and becomes available to the receiver. */
  settle(leg: Leg): void {
    this.holding(leg.payer, leg.asset).pendingOut -= leg.amount;
    const into = this.holding(leg.receiver, leg.asset);
    into.pendingIn -= leg.amount;
    into.available += leg.amount;
  }

  /** Failed settlement: the payer gets the amount back as available; the receiver's expectation is cancelled. */
  unwind(leg: Leg): void {
    const out = this.holding(leg.payer, leg.asset);
    out.pendingOut -= leg.amount;
    out.available += leg.amount;
    this.holding(leg.receiver, leg.asset).pendingIn -= leg.amount;
  }

  /** The account's holding of `asset`, opening the account (with the defaults) on first use. */
  private holding(account: string, asset: string): Holding {
    this.open(account);
    const holdings = this.accounts.get(account)!;
    let h = holdings.get(asset);
    if (!h) {
      h = { ...EMPTY };
      holdings.set(asset, h);
    }
    return h;
  }
}

function balanceOf(h: Holding): AssetBalance {
  return { total: h.available + h.reserved + h.pendingOut, ...h };
}
