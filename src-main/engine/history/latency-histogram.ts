/** Bucket i holds latencies in (BOUNDS[i-1], BOUNDS[i]] ms; one more bucket holds anything slower. */
export const LATENCY_BUCKET_BOUNDS: readonly number[] = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 5000, 7000,
  10_000, 15_000, 20_000, 30_000, 50_000, 70_000, 100_000,
];

export const LATENCY_BUCKETS = LATENCY_BUCKET_BOUNDS.length + 1;

export function latencyBucket(ms: number): number {
  let lo = 0;
  let hi = LATENCY_BUCKET_BOUNDS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ms <= (LATENCY_BUCKET_BOUNDS[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Sparse, for storage: each non-empty bucket as its index (one byte) then its count (LEB128); empty → null. */
export function encodeHistogram(counts: ArrayLike<number>): Uint8Array | null {
  const bytes: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    let n = counts[i] as number;
    if (n <= 0) continue;
    bytes.push(i);
    while (n >= 0x80) {
      bytes.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    bytes.push(n);
  }
  return bytes.length === 0 ? null : Uint8Array.from(bytes);
}

/** Adds an encoded histogram's counts into `into` (length LATENCY_BUCKETS). */
export function addEncodedHistogram(into: number[] | Float64Array, blob: Uint8Array | null): void {
  if (blob === null) return;
  let i = 0;
  while (i < blob.length) {
    const bucket = blob[i++] as number;
    let n = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = blob[i++] as number;
      n += (byte & 0x7f) * scale;
      scale *= 0x80;
    } while (byte & 0x80);
    if (bucket >= into.length) throw new RangeError(`latency histogram bucket ${bucket} out of range`);
    into[bucket] = (into[bucket] as number) + n;
  }
}

/** Adds the counts of `from` into `into`, bucket by bucket. */
export function addHistogram(into: number[] | Float64Array, from: ArrayLike<number>): void {
  for (let i = 0; i < from.length; i++) into[i] = (into[i] as number) + (from[i] as number);
}

export function emptyHistogram(): number[] {
  return new Array<number>(LATENCY_BUCKETS).fill(0);
}

export function mergeEncodedHistograms(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const counts = emptyHistogram();
  addEncodedHistogram(counts, a);
  addEncodedHistogram(counts, b);
  return encodeHistogram(counts);
}

/**
 * The nearest-rank q-quantile, interpolated inside the bucket holding that rank and capped by the
 * slowest latency seen, so it lies in the same bucket as the exact value.
 */
export function histogramQuantile(counts: ArrayLike<number>, q: number, maxMs: number): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] as number;
    if (before + n >= rank) {
      const lower = i === 0 ? 0 : (LATENCY_BUCKET_BOUNDS[i - 1] as number);
      const upper = Math.min(LATENCY_BUCKET_BOUNDS[i] ?? maxMs, maxMs);
      return Math.round(Math.min(lower + ((upper - lower) * (rank - before)) / n, maxMs));
    }
    before += n;
  }
  return maxMs;
}
