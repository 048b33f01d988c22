import type { Config, MonitorConfig } from '../../api/config-schema.ts';
import { MonitorSchema } from '../../api/config-schema.ts';
import type { TestResult } from '../../api/contract.ts';
import { toFieldIssues } from '../../api/field-issues.ts';
import { restoreStoredSecrets, secretValues } from '../config/secret-masking.ts';
import { tryResolveSecret } from '../config/secrets.ts';
import { evaluateRules } from '../rules/evaluate-rules.ts';
import type { CheckRunner } from './check-runner.ts';
import { createRuntime } from './monitor-runtime.ts';
import { toMonitorStatus } from './monitor-status.ts';

/** "Test now": one check of a monitor as typed, recorded nowhere. */
export async function testCheck(
  input: unknown,
  current: Config,
  runner: CheckRunner,
  env: NodeJS.ProcessEnv,
  secrets: readonly string[],
): Promise<TestResult> {
  const parsed = MonitorSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
  // Every secret stored for this monitor and its target goes back in, as a save would put it.
  const restored = restoreStoredSecrets({ ...current, monitors: [parsed.data] }, current);
  const monitor = restored.monitors[0] as MonitorConfig;
  const own = secretValues({ ...restored, monitors: [monitor] }, (s) => tryResolveSecret(s, env));
  const sample = await runner.probe(monitor, AbortSignal.timeout(monitor.timeoutMs + 5000), [
    ...secrets,
    ...own,
  ]);
  const runtime = createRuntime(monitor, { recent: [], beats: [] });
  const evaluation = evaluateRules(runtime.rules, sample);
  return {
    ok: true,
    issues: [],
    monitor: toMonitorStatus({
      ...runtime,
      state: evaluation.state,
      since: sample.time,
      last: sample,
      evaluation,
    }),
  };
}
