import { useMemo, useRef } from 'react';
import { MonitorSchema } from '../../../src-main/api/config-schema.ts';
import { defaultRuleSpecs, type RuleSpec } from '../../../src-main/api/rule-specs.ts';
import { StateBadge } from '../../components/state-badge.tsx';
import { type MonitorDraft, monitorFromDraft } from './monitor-draft.ts';

/** The type's built-in rules for the thresholds as typed (the engine's own list), each can be switched off. */
function defaultRules(draft: MonitorDraft): RuleSpec[] | null {
  const { monitor } = monitorFromDraft(draft);
  // Stand-ins for fields that do not change the rule list, so a half-filled form still shows it.
  const probe = {
    ...monitor,
    id: 'x',
    url: draft.url.trim().startsWith('https:') ? 'https://localhost/' : 'http://localhost/',
    host: 'localhost',
    port: 1,
    apiKey: 'x',
    periodSeconds: 60,
    signingSecret: 'x',
    rules: [],
    disableRules: [],
  };
  if (draft.type !== 'http' && draft.type !== 'callback-health' && draft.type !== 'webhook-receiver')
    delete (probe as Record<string, unknown>).url;
  if (draft.type !== 'pipeline' && draft.type !== 'webhook-receiver')
    delete (probe as Record<string, unknown>).signingSecret;
  if (draft.type !== 'balance') delete (probe as Record<string, unknown>).apiKey;
  if (draft.type !== 'heartbeat') delete (probe as Record<string, unknown>).periodSeconds;
  if (draft.type !== 'tcp') {
    delete (probe as Record<string, unknown>).host;
    delete (probe as Record<string, unknown>).port;
  }
  const parsed = MonitorSchema.safeParse(probe);
  return parsed.success ? defaultRuleSpecs(parsed.data) : null;
}

export function DefaultRules({
  draft,
  onChange,
}: {
  draft: MonitorDraft;
  onChange: (disableRules: string[]) => void;
}) {
  const last = useRef<RuleSpec[]>([]);
  const rules = useMemo(() => {
    const r = defaultRules(draft);
    if (r) last.current = r;
    return last.current;
  }, [draft]);
  if (rules.length === 0) return null;
  const disabled = new Set(draft.disableRules);
  const toggle = (id: string, on: boolean) =>
    onChange(on ? draft.disableRules.filter((r) => r !== id) : [...draft.disableRules, id]);
  return (
    <fieldset className="default-rules">
      <legend className="field-label">Built-in rules</legend>
      <ul>
        {rules.map((r) => (
          <li key={r.id}>
            <input
              id={`default-rule-${r.id}`}
              type="checkbox"
              checked={!disabled.has(r.id)}
              onChange={(e) => toggle(r.id, e.target.checked)}
            />
            <label htmlFor={`default-rule-${r.id}`}>
              {r.name} <code>{r.when}</code>
            </label>
            <StateBadge state={r.severity} />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
