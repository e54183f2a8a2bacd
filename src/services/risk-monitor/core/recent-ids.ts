/** How many client order ids a strategy's duplicate check remembers. */
export const REMEMBERED_CLIENT_ORDER_IDS = 10_000;

/** The last `capacity` distinct ids, the oldest forgotten first (a Set keeps insertion order). */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = REMEMBERED_CLIENT_ORDER_IDS) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }
}
