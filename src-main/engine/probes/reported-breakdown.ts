import type { SampleValue } from '../../api/sample-values.ts';
import type { Sample } from '../sample.ts';
import { readReportedNumber } from './reported-number.ts';

const MAX_CODES = 50;

/**
 * The sample's values with the endpoint's own `error_breakdown` (seed 000's callback health report)
 * added as a flat JSON value, largest first, as the pipeline reports its own: the status, the card
 * and the error-rate embed read it from there. The probe keeps it in the body only.
 */
export function valuesWithBreakdown(sample: Sample): Record<string, SampleValue> {
  if (sample.values.error_breakdown !== undefined) return sample.values;
  const body = sample.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return sample.values;
  const raw = (body as Record<string, unknown>).error_breakdown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return sample.values;
  const counts: Array<[string, number]> = [];
  for (const [code, n] of Object.entries(raw)) {
    const reading = readReportedNumber(n);
    if (code !== '' && reading.kind === 'finite' && reading.value >= 0) counts.push([code, reading.value]);
  }
  if (counts.length === 0) return sample.values;
  counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    ...sample.values,
    error_breakdown: JSON.stringify(Object.fromEntries(counts.slice(0, MAX_CODES))),
  };
}
