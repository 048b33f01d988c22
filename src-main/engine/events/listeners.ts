/**
 * One fan-out for every kind of engine event: a listener that throws is logged, and the others still run.
 * `add` returns the unsubscribe, as every subscription in the engine does.
 */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  private readonly name: string;
  private readonly log: (line: string) => void;

  constructor(name: string, log: (line: string) => void) {
    this.name = name;
    this.log = log;
  }

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  get size(): number {
    return this.set.size;
  }

  emit(value: T): void {
    for (const listener of this.set) {
      try {
        listener(value);
      } catch (err) {
        this.log(`${this.name} listener failed: ${(err as Error).message}`);
      }
    }
  }
}
