import { FNV_OFFSET, fnvChars, fnvInt32 } from './fnv.js';
import { PagedColumn } from './paged-column.js';

/** How long an account's client order id stays taken, unless configured otherwise: an hour. */
export const DEFAULT_CLIENT_ORDER_ID_WINDOW_MS = 60 * 60_000;

/** A remembered id in a snapshot: [account number, client order id, order id]. */
export type SavedClientOrderId = [number, string, number];

/** The remembered ids as a snapshot keeps them: each generation's, in the order they were added. */
export interface SavedClientOrderIds {
  currentSince: number | null;
  current: SavedClientOrderId[];
  previous: SavedClientOrderId[] | null;
}

/** SavedClientOrderIds as captured: each generation's entries, to be read once, later. */
export interface CapturedClientOrderIds {
  currentSince: number | null;
  current: Iterable<SavedClientOrderId>;
  previous: Iterable<SavedClientOrderId> | null;
}

/**
 * The client order ids accounts have used, each with the order that used it, so that a reuse is
 * refused. An id is remembered for at least `windowMs` of journal time and forgotten after about
 * twice that: ids are kept in generations of `windowMs`, and the oldest is dropped when a new one
 * starts. Memory therefore follows the order rate, not the venue's age.
 *
 * Kept in typed arrays rather than a Map of strings: under load the venue holds hundreds of
 * thousands of ids, and as strings each is an object every full garbage collection marks (after
 * a bench run at 10,000 orders/s, a third of the live heap).
 */
export class ClientOrderIds {
  private current = new IdTable();
  private previous: IdTable | null = null;
  private currentSince: number | null = null;

  constructor(private readonly windowMs: number = DEFAULT_CLIENT_ORDER_ID_WINDOW_MS) {
    if (!(windowMs > 0)) throw new RangeError(`the client order id window must be positive, got ${windowMs}`);
  }

  /**
   * The order that used `id` for `account` (a small integer), if it is still remembered at
   * `timeMs`. It changes nothing: generations turn only in remember(), so that they follow the
   * journal alone (a refused order is not journaled, and a replay must end with the same ones).
   * Past the time of the next turn, the previous generation counts as gone already.
   */
  find(account: number, id: string, timeMs: number): number | undefined {
    const hash = hashOf(account, id);
    const found = this.current.find(account, id, hash);
    if (found !== undefined || this.turnDue(timeMs)) return found;
    return this.previous?.find(account, id, hash);
  }

  remember(account: number, id: string, orderId: number, timeMs: number): void {
    this.advance(timeMs);
    this.current.add(account, id, hashOf(account, id), orderId);
  }

  get size(): number {
    return this.current.size + (this.previous?.size ?? 0);
  }

  /**
   * What a snapshot keeps, captured at no cost: a generation only ever has entries added (and a
   * dropped one is left as it was), so its entries up to its size now are read later as they are now.
   */
  capture(): CapturedClientOrderIds {
    const { current, previous } = this;
    return { currentSince: this.currentSince, current: current.entries(current.size), previous: previous && previous.entries(previous.size) };
  }

  /** Remembers what `saved` holds, in new generations as it had them (this must be new). */
  restore(saved: SavedClientOrderIds): void {
    if (this.size !== 0 || this.currentSince !== null) throw new Error('only new client order ids can be restored from a snapshot');
    const table = (entries: SavedClientOrderId[]) => {
      const t = new IdTable();
      for (const [account, id, orderId] of entries) t.add(account, id, hashOf(account, id), orderId);
      return t;
    };
    this.currentSince = saved.currentSince;
    this.current = table(saved.current);
    this.previous = saved.previous && table(saved.previous);
  }

  private turnDue(timeMs: number): boolean {
    return this.currentSince !== null && timeMs - this.currentSince >= this.windowMs;
  }

  /** Starts a new generation, dropping the oldest, once the current one spans the window. */
  private advance(timeMs: number): void {
    if (this.currentSince === null) this.currentSince = timeMs;
    else if (this.turnDue(timeMs)) {
      this.previous = this.current;
      this.current = new IdTable();
      this.currentSince = timeMs;
    }
  }
}

const hashOf = (account: number, id: string): number => fnvChars(fnvInt32(FNV_OFFSET, account), id);

/** Entries a table re-places into its grown slots on each add, while it grows (see IdTable). */
const MOVES_PER_ADD = 4;

/**
 * One generation: an open-addressing hash table (linear probing) of entries stored column-wise,
 * with the ids' characters in one shared column. Entries are only ever added.
 *
 * Nothing here grows all at once, since a generation holds every id of an hour's orders: the
 * columns grow by pages, and when the slots fill up, the entries move to slots twice as many
 * a few per add, not all in one go (incremental rehashing). Until they have all moved, a lookup
 * that misses in the new slots also probes the old ones.
 */
class IdTable {
  /** Entry index + 1 per slot; 0 is an empty slot. Never more than half full. */
  private slots = new Int32Array(1024);
  /** While the slots grow: the slots they replace, which still hold entries `moved` and up. */
  private oldSlots: Int32Array | null = null;
  private moved = 0;
  /** The entry count when the growth began: the entries to move. */
  private toMove = 0;
  private count = 0;
  private readonly hashes = new PagedColumn(Int32Array, 256);
  private readonly accounts = new PagedColumn(Int32Array, 256);
  private readonly orderIds = new PagedColumn(Float64Array, 256);
  private readonly starts = new PagedColumn(Int32Array, 256);
  private readonly lengths = new PagedColumn(Int32Array, 256);
  private readonly chars = new PagedColumn(Uint16Array, 8192);
  private charsUsed = 0;

  get size(): number {
    return this.count;
  }

  find(account: number, id: string, hash: number): number | undefined {
    let entry = this.probe(this.slots, account, id, hash);
    if (entry < 0 && this.oldSlots !== null) entry = this.probe(this.oldSlots, account, id, hash);
    return entry < 0 ? undefined : this.orderIds.get(entry);
  }

  add(account: number, id: string, hash: number, orderId: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.startGrowth();
    const entry = this.count++;
    if (entry >= this.hashes.capacity) {
      for (const column of [this.hashes, this.accounts, this.orderIds, this.starts, this.lengths]) column.reserve(this.count);
    }
    this.chars.reserve(this.charsUsed + id.length);
    this.hashes.set(entry, hash);
    this.accounts.set(entry, account);
    this.orderIds.set(entry, orderId);
    this.starts.set(entry, this.charsUsed);
    this.lengths.set(entry, id.length);
    for (let i = 0; i < id.length; i++) this.chars.set(this.charsUsed++, id.charCodeAt(i));
    this.place(this.slots, entry);
    if (this.oldSlots !== null) this.moveSome();
  }

  /** The first `count` entries, in the order added. */
  *entries(count: number): Generator<SavedClientOrderId> {
    for (let e = 0; e < count; e++) {
      const start = this.starts.get(e);
      let id = '';
      for (let i = 0; i < this.lengths.get(e); i++) id += String.fromCharCode(this.chars.get(start + i));
      yield [this.accounts.get(e), id, this.orderIds.get(e)];
    }
  }

  /** The entry `slots` holds for the id, or -1. */
  private probe(slots: Int32Array, account: number, id: string, hash: number): number {
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]! - 1;
      if (entry < 0 || (this.hashes.get(entry) === hash && this.accounts.get(entry) === account && this.holds(entry, id))) return entry;
    }
  }

  private holds(entry: number, id: string): boolean {
    if (this.lengths.get(entry) !== id.length) return false;
    const start = this.starts.get(entry);
    for (let i = 0; i < id.length; i++) if (this.chars.get(start + i) !== id.charCodeAt(i)) return false;
    return true;
  }

  private place(slots: Int32Array, entry: number): void {
    const mask = slots.length - 1;
    let slot = this.hashes.get(entry) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }

  /**
   * Growth begins at half full: the entries that then fill half of the old slots take a quarter
   * of the new ones, and they have all moved long before the new slots are half full.
   */
  private startGrowth(): void {
    this.oldSlots = this.slots;
    this.slots = new Int32Array(this.slots.length * 2);
    this.moved = 0;
    this.toMove = this.count;
  }

  private moveSome(): void {
    const until = Math.min(this.toMove, this.moved + MOVES_PER_ADD);
    while (this.moved < until) this.place(this.slots, this.moved++);
    if (this.moved === this.toMove) this.oldSlots = null;
  }
}
