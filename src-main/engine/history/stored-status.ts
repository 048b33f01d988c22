import type { SampleStatus } from '../../api/sample-values.ts';

/** How a sample status is stored: a small integer; `up` is 1 because SQLite stores 0 and 1 in no bytes. */
export const STATUS_CODE: Readonly<Record<SampleStatus, number>> = {
  unknown: 0,
  up: 1,
  degraded: 2,
  down: 3,
};

const STATUS_BY_CODE: readonly SampleStatus[] = ['unknown', 'up', 'degraded', 'down'];

export function statusFromCode(code: number): SampleStatus {
  const status = STATUS_BY_CODE[code];
  if (status === undefined) throw new RangeError(`unknown stored sample status ${code}`);
  return status;
}

/** Uptime counts degraded as up and leaves unknown out of both sides. */
export const countsAsUp = (status: SampleStatus): boolean => status === 'up' || status === 'degraded';
