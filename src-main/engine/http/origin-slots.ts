interface Line {
  busy: number;
  waiting: Array<(handover: boolean) => void>;
}

/**
 * At most `limit` requests at once per key (an origin and its trust); the rest wait in order. A
 * waiter that gives up (a timeout, an abort) leaves the line, so no connection is ever opened for a
 * request nobody waits for. (`node:http`'s agent keeps a destroyed request in its queue and opens a
 * socket for it when one frees up.)
 */
export class OriginSlots {
  private readonly limit: number;
  private readonly lines = new Map<string, Line>();

  constructor(limit: number) {
    this.limit = limit;
  }

  /**
   * Calls `start` now, or once a slot frees up (then from a microtask). Returns the release: it frees
   * the slot, or leaves the line; calling it again does nothing.
   */
  take(key: string, start: () => void): () => void {
    let line = this.lines.get(key);
    if (line === undefined) {
      line = { busy: 0, waiting: [] };
      this.lines.set(key, line);
    }
    const own = line;
    let state: 'waiting' | 'busy' | 'released' = 'waiting';
    const begin = (handover: boolean) => {
      state = 'busy';
      if (handover) queueMicrotask(start);
      else {
        own.busy++;
        start();
      }
    };
    if (own.busy < this.limit) begin(false);
    else own.waiting.push(begin);
    return () => {
      if (state === 'released') return;
      if (state === 'waiting') own.waiting.splice(own.waiting.indexOf(begin), 1);
      else {
        // The slot passes straight to the next in line, so no newcomer can take it in between.
        const next = own.waiting.shift();
        if (next !== undefined) next(true);
        else own.busy--;
      }
      state = 'released';
      if (own.busy === 0 && own.waiting.length === 0) this.lines.delete(key);
    };
  }
}
