import type { KillSwitchState } from './types.js';

/** Why an order may not pass: which switch is engaged, and its reason. */
export interface KillSwitchBlock {
  scope: 'global' | 'strategy';
  reason: string;
}

const neverSet = (): KillSwitchState => ({ engaged: false, reason: null, sinceMs: null });

/** The global kill switch and one per strategy. */
export class KillSwitchBoard {
  private readonly global = neverSet();
  private readonly byStrategy = new Map<string, KillSwitchState>();

  /** Engages or releases a switch; reason and time describe this change. */
  set(strategy: string | null, engaged: boolean, reason: string, nowMs: number): void {
    const next = { engaged, reason, sinceMs: nowMs };
    if (strategy === null) Object.assign(this.global, next);
    else this.byStrategy.set(strategy, next);
  }

  /** A strategy's own switch (the global one when `strategy` is null). */
  get(strategy: string | null): KillSwitchState {
    return { ...(strategy === null ? this.global : (this.byStrategy.get(strategy) ?? neverSet())) };
  }

  /** The engaged switch that stops `strategy`'s orders, the global one first; null if none. */
  blocking(strategy: string): KillSwitchBlock | null {
    if (this.global.engaged) return { scope: 'global', reason: this.global.reason ?? '' };
    const own = this.byStrategy.get(strategy);
    return own?.engaged ? { scope: 'strategy', reason: own.reason ?? '' } : null;
  }

  /** The global switch, then every strategy switch ever set, by name. */
  list(): { scope: string; engaged: boolean; reason: string | null; sinceMs: number | null }[] {
    const strategies = [...this.byStrategy.keys()].sort();
    return [{ scope: 'global', ...this.global }, ...strategies.map((s) => ({ scope: s, ...this.byStrategy.get(s)! }))];
  }
}
