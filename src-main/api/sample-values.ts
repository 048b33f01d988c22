/** What a probe saw on one check. Probes only return samples; storage and alerting consume them. */
export type SampleStatus = 'up' | 'degraded' | 'down' | 'unknown';

export type SampleValue = number | string | boolean | null;
