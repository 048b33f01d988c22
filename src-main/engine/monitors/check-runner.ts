import type { MonitorConfig, Secret } from '../../api/config-schema.ts';
import type { Clock } from '../clock.ts';
import { resolveSecret } from '../config/secrets.ts';
import { isOfflineFailure, pickWitnesses } from '../connectivity/offline-witnesses.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { ProbeContext } from '../probes/probe-context.ts';
import { valuesWithBreakdown } from '../probes/reported-breakdown.ts';
import { runProbe } from '../probes/run-probe.ts';
import { redactSecrets } from '../redact.ts';
import type { Sample } from '../sample.ts';
import type { MonitorRuntime } from './monitor-runtime.ts';

const NONE: readonly never[] = [];

export interface CheckRunnerOptions {
  http: HttpClient;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  pipeline?: ProbeContext['pipeline'];
}

/** The I/O of a check: runs a monitor's probe and scrubs secrets from what it saw. Decides nothing. */
export class CheckRunner {
  private readonly options: CheckRunnerOptions;
  // Made once, not per check.
  private readonly now: () => number;
  private readonly resolveSecret: (s: Secret) => string;

  constructor(options: CheckRunnerOptions) {
    this.options = options;
    const { clock, env } = options;
    this.now = () => clock.now();
    this.resolveSecret = (s) => resolveSecret(s, env);
  }

  async probe(
    monitor: MonitorConfig,
    signal: AbortSignal,
    secrets: readonly string[],
    rt?: Pick<MonitorRuntime, 'recent' | 'beats'> & Partial<Pick<MonitorRuntime, 'push'>>,
  ): Promise<Sample> {
    const sample = await runProbe(monitor, {
      signal,
      now: this.now,
      http: this.options.http,
      resolveSecret: this.resolveSecret,
      recent: rt?.recent ?? NONE,
      beats: rt?.beats ?? NONE,
      push: rt?.push,
      pipeline: this.options.pipeline,
    });
    // The runtime keeps no bodies: an endpoint's own error breakdown must travel as a value.
    sample.values = valuesWithBreakdown(sample);
    if (secrets.length > 0) {
      if (sample.error) sample.error = redactSecrets(sample.error, secrets);
      if (sample.bodyText) sample.bodyText = redactSecrets(sample.bodyText, secrets);
    }
    return sample;
  }

  /**
   * A network-layer failure means "offline" only if other hosts fail the same way right now: the
   * connectivity URL when configured, else up to two other remote monitors probed on the spot.
   */
  async confirmOffline(
    failing: MonitorRuntime,
    others: readonly MonitorRuntime[],
    connectivityUrl: string | undefined,
    signal: AbortSignal,
  ): Promise<boolean> {
    if (connectivityUrl) {
      const probe = await this.options.http.request({
        url: connectivityUrl,
        method: 'HEAD',
        timeoutMs: 5000,
        maxRedirects: 3,
        signal,
      });
      return !probe.ok && isOfflineFailure(probe);
    }
    const witnesses = pickWitnesses(
      others
        .filter((r) => r !== failing && r.remoteHost !== null && r.config.enabled)
        .map((r) => ({ runtime: r, host: r.remoteHost as string, lastOk: r.last?.status === 'up' })),
      failing.remoteHost as string,
    );
    if (witnesses.length === 0) return false;
    const samples = await Promise.all(witnesses.map((w) => this.probe(w.runtime.config, signal, [])));
    return !signal.aborted && samples.every(isOfflineFailure);
  }
}
