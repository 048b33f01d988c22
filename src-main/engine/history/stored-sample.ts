import type { SampleStatus } from '../../api/sample-values.ts';

/** One check as history keeps it. */
export interface StoredSample {
  monitorId: string;
  /** Epoch ms. */
  time: number;
  status: SampleStatus;
  latencyMs: number | null;
  httpStatus: number | null;
  /** The monitor's primary value: balance, error rate… */
  value: number | null;
  error: string | null;
}
