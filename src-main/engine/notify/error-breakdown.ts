import type { SampleValue } from '../../api/sample-values.ts';

/**
 * Error counts by code, most frequent first. Sample values are flat, so the breakdown arrives either
 * as a JSON object in `error_breakdown` or as `error_breakdown.<code>` entries.
 */
export function errorBreakdown(values: Record<string, SampleValue>): Array<[string, number]> {
  const counts = new Map<string, number>();
  const add = (code: string, n: unknown) => {
    if (code && typeof n === 'number' && Number.isFinite(n)) counts.set(code, (counts.get(code) ?? 0) + n);
  };
  for (const key of ['error_breakdown', 'errorBreakdown']) {
    const raw = values[key];
    if (typeof raw !== 'string') continue;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [code, n] of Object.entries(parsed)) add(code, n);
      }
    } catch {}
  }
  for (const [key, n] of Object.entries(values)) {
    const m = /^error_?breakdown\.(.+)$/i.exec(key);
    if (m?.[1]) add(m[1], n);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
