interface Due {
  dueMs: number;
  tradeId: number;
}

const before = (a: Due, b: Due): boolean => a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.tradeId < b.tradeId);

/** Trade ids by due time, then trade id: a binary min-heap. */
export class DueQueue {
  private readonly heap: Due[] = [];

  push(dueMs: number, tradeId: number): void {
    const heap = this.heap;
    heap.push({ dueMs, tradeId });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Removes and returns, in order, every trade id due at or before `nowMs`. */
  popDue(nowMs: number): number[] {
    const out: number[] = [];
    while (this.heap.length > 0 && this.heap[0]!.dueMs <= nowMs) out.push(this.pop());
    return out;
  }

  private pop(): number {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top.tradeId;
  }
}
