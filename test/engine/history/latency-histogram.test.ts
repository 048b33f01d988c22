import { describe, expect, it } from 'vitest';
import {
  addEncodedHistogram,
  emptyHistogram,
  encodeHistogram,
  histogramQuantile,
  LATENCY_BUCKET_BOUNDS,
  LATENCY_BUCKETS,
  latencyBucket,
  mergeEncodedHistograms,
} from '../../../src-main/engine/history/latency-histogram.ts';

const decode = (blob: Uint8Array | null) => {
  const counts = emptyHistogram();
  addEncodedHistogram(counts, blob);
  return counts;
};

describe('latency histogram', () => {
  it('has between 24 and 32 log-scale buckets', () => {
    expect(LATENCY_BUCKETS).toBeGreaterThanOrEqual(24);
    expect(LATENCY_BUCKETS).toBeLessThanOrEqual(32);
    for (let i = 1; i < LATENCY_BUCKET_BOUNDS.length; i++) {
      const ratio = (LATENCY_BUCKET_BOUNDS[i] as number) / (LATENCY_BUCKET_BOUNDS[i - 1] as number);
      expect(ratio).toBeGreaterThan(1.3);
      expect(ratio).toBeLessThanOrEqual(2);
    }
  });

  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [4, 3],
    [5, 3],
    [100, 11],
    [101, 12],
    [499, 15],
    [500, 15],
    [501, 16],
    [100_000, 29],
    [100_001, 30],
    [10_000_000, 30],
  ])('puts %i ms in bucket %i', (ms, bucket) => {
    expect(latencyBucket(ms)).toBe(bucket);
  });

  it('round-trips counts of any size through the compact encoding', () => {
    const counts = emptyHistogram();
    Object.assign(counts, { 0: 1, 5: 127, 6: 128, 17: 300_000, 30: 2 ** 40 });
    const blob = encodeHistogram(counts);
    expect(decode(blob)).toEqual(counts);
    expect(encodeHistogram(emptyHistogram())).toBeNull();
    // Two checks in one bucket cost two bytes.
    expect(encodeHistogram(Object.assign(emptyHistogram(), { 12: 2 }))).toEqual(Uint8Array.from([12, 2]));
  });

  it('merges encoded histograms by adding counts', () => {
    const a = encodeHistogram(Object.assign(emptyHistogram(), { 3: 1, 12: 200 }));
    const b = encodeHistogram(Object.assign(emptyHistogram(), { 12: 100, 20: 5 }));
    expect(decode(mergeEncodedHistograms(a, b))).toEqual(
      Object.assign(emptyHistogram(), { 3: 1, 12: 300, 20: 5 }),
    );
    expect(mergeEncodedHistograms(null, b)).toBe(b);
    expect(mergeEncodedHistograms(a, null)).toBe(a);
  });

  it('refuses a blob that names a bucket it does not have', () => {
    expect(() => decode(Uint8Array.from([40, 1]))).toThrow(RangeError);
  });

  describe('quantiles', () => {
    it('is null without latencies', () => {
      expect(histogramQuantile(emptyHistogram(), 0.95, 0)).toBeNull();
    });

    it('interpolates inside the bucket holding the nearest rank', () => {
      // 100 checks: 90 in (70, 100], 10 in (300, 500]; the 95th is the 5th of the slow ten.
      const counts = Object.assign(emptyHistogram(), { 11: 90, 15: 10 });
      expect(histogramQuantile(counts, 0.95, 500)).toBe(300 + (200 * 5) / 10);
      expect(histogramQuantile(counts, 0.5, 500)).toBe(Math.round(70 + (30 * 50) / 90));
    });

    it('never reports more than the slowest latency seen', () => {
      const counts = Object.assign(emptyHistogram(), { 15: 1 });
      expect(histogramQuantile(counts, 0.95, 320)).toBe(320);
      expect(histogramQuantile(Object.assign(emptyHistogram(), { 30: 3 }), 0.95, 250_000)).toBe(250_000);
    });
  });
});
