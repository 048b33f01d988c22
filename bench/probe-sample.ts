/** What bench/process-probe.mjs reports from inside a measured process. */
export interface ProbeSample {
  at: number;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  /** V8's malloced memory outside the JS heap (compiler zones, etc.). */
  mallocedMiB: number;
  nativeContexts: number;
  fds: number;
  sockets: number;
  /** Event-loop delay over the last period. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Event-loop delay p99 since the probe started. */
  loopDelayP99SinceStartMs: number;
}
