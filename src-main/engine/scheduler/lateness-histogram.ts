const EXACT = 1024;
const SUB_BUCKETS = 64;
const MAX_EXPONENT = 50;

/**
 * Fixed-size histogram of lateness in milliseconds: exact to 1 ms below 1024 ms, within 1.6 % above,
 * so stats over millions of runs cost a few KiB.
 */
export class LatenessHistogram {
  private readonly counts = new Float64Array(EXACT + (MAX_EXPONENT - 9) * SUB_BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const v = Math.max(0, ms);
    const bucket = bucketOf(v);
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.count++;
    if (v > this.max) this.max = v;
  }

  /** The value at quantile q (0–1): the lower bound of its bucket, never above the maximum seen. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return Math.min(lowerBound(i), this.max);
    }
    return this.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.max = 0;
  }
}

function bucketOf(v: number): number {
  if (v < EXACT) return Math.floor(v);
  const exponent = Math.min(Math.floor(Math.log2(v)), MAX_EXPONENT);
  const sub = Math.min(Math.floor((v / 2 ** exponent - 1) * SUB_BUCKETS), SUB_BUCKETS - 1);
  return EXACT + (exponent - 10) * SUB_BUCKETS + sub;
}

function lowerBound(bucket: number): number {
  if (bucket < EXACT) return bucket;
  const exponent = 10 + Math.floor((bucket - EXACT) / SUB_BUCKETS);
  const sub = (bucket - EXACT) % SUB_BUCKETS;
  return 2 ** exponent * (1 + sub / SUB_BUCKETS);
}
