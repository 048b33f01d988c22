/** Something with a due time that knows its own place in the heap (-1 when outside). */
export interface HeapItem {
  due: number;
  /** Breaks ties between equal due times: first added runs first. */
  seq: number;
  heapIndex: number;
}

const before = (a: HeapItem, b: HeapItem) => a.due < b.due || (a.due === b.due && a.seq < b.seq);

/** Binary min-heap on `due`, with O(log n) update and removal of any item. */
export class DueHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.up(item.heapIndex);
  }

  /** Restores order after `item.due` changed. */
  update(item: T): void {
    if (item.heapIndex < 0) {
      this.push(item);
      return;
    }
    this.up(item.heapIndex);
    this.down(item.heapIndex);
  }

  remove(item: T): void {
    const i = item.heapIndex;
    if (i < 0) return;
    item.heapIndex = -1;
    const last = this.items.pop() as T;
    if (i === this.items.length) return;
    this.items[i] = last;
    last.heapIndex = i;
    this.up(i);
    this.down(last.heapIndex);
  }

  clear(): void {
    for (const item of this.items) item.heapIndex = -1;
    this.items.length = 0;
  }

  /** Replaces the contents in O(n). */
  rebuild(items: Iterable<T>): void {
    this.clear();
    for (const item of items) {
      item.heapIndex = this.items.length;
      this.items.push(item);
    }
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private up(i: number): void {
    const items = this.items;
    const item = items[i] as T;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!before(item, parent)) break;
      items[i] = parent;
      parent.heapIndex = i;
      i = parentIndex;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[i] as T;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(items[right] as T, items[left] as T) ? right : left;
      const c = items[child] as T;
      if (!before(c, item)) break;
      items[i] = c;
      c.heapIndex = i;
      i = child;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}
