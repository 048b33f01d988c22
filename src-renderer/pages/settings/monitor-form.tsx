import { type FormEvent, useMemo, useState } from 'react';
import {
  BALANCE_PROVIDERS,
  type ConfigInput,
  type MonitorType,
} from '../../../src-main/api/config-schema.ts';
import type { TestResult } from '../../../src-main/api/contract.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import { toUserError, type UserError } from '../../api/user-error.ts';
import { CheckboxField, type ControlProps, Field } from '../../components/field.tsx';
import { IssuesPanel } from '../../components/issue-list.tsx';
import { InlineError } from '../../components/panels.tsx';
import { DefaultRules } from './default-rules.tsx';
import { DependsOnField } from './depends-on-field.tsx';
import { placeIssues } from './field-issues.ts';
import { changeType, idFromName, type MonitorDraft } from './monitor-draft.ts';
import { PipelineEventsSection, PipelineThresholds, WebhookReceiverSection } from './pipeline-sections.tsx';
import { RulesEditor } from './rules-editor.tsx';
import { SecretField } from './secret-field.tsx';
import { TestResultPanel } from './test-result-panel.tsx';
import { TlsFields } from './tls-fields.tsx';
import { validateMonitor } from './validate-monitor.ts';

const TYPES: { value: MonitorType; label: string }[] = [
  { value: 'http', label: 'HTTP endpoint' },
  { value: 'callback-health', label: 'Callback health endpoint' },
  { value: 'balance', label: 'Solver balance' },
  { value: 'heartbeat', label: 'Heartbeat (push)' },
  { value: 'tcp', label: 'TCP port' },
  { value: 'pipeline', label: 'Pipeline events (push)' },
  { value: 'webhook-receiver', label: 'Webhook receiver' },
];
const PROVIDER_LABELS: Record<string, string> = {
  captchaai: 'CaptchaAI',
  '2captcha': '2captcha',
  'anti-captcha': 'Anti-Captcha',
  capmonster: 'CapMonster Cloud',
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Every field key the form can show an issue next to (rule rows are added per row). */
const FIELDS = [
  'id',
  'name',
  'type',
  'enabled',
  'intervalSeconds',
  'timeoutMs',
  'url',
  'headers',
  'method',
  'body',
  'expectStatus',
  'latencyWarnMs',
  'latencyCriticalMs',
  'keyword',
  'keywordAbsent',
  'staleWarnSeconds',
  'errorRateCritical',
  'errorRateMinReceived',
  'p95WarnMs',
  'deliveryRateCritical',
  'provider',
  'baseUrl',
  'apiKey',
  'currency',
  'warnBelow',
  'criticalBelow',
  'periodSeconds',
  'graceSeconds',
  'adaptive',
  'token',
  'maxRunSeconds',
  'host',
  'port',
  'tls',
  'tlsInsecure',
  'certWarnDays',
  'certCriticalDays',
  'dependsOn',
  'signingSecret',
  'signatureHeader',
  'windowSeconds',
  'deliveryTimeoutSeconds',
  'errorRateMinTasks',
  'queueWarn',
  'staleSeconds',
  'rules',
  'disableRules',
  'failThreshold',
  'recoverThreshold',
  'cooldownSeconds',
];

export const fieldId = (key: string): string => `monitor-${key.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;

export interface MonitorFormProps {
  initial: MonitorDraft;
  /** null for a new monitor. */
  editingId: string | null;
  config: ConfigInput;
  /** Where pushes for a heartbeat go, e.g. `http://127.0.0.1:7420` in headless mode; null in the desktop app. */
  pushOrigin: string | null;
  /** Saves this monitor alone; rejects with the API's error (its issues by the monitor's own field paths). */
  save: (monitor: Record<string, unknown>) => Promise<void>;
  test: (monitor: unknown) => Promise<TestResult>;
  onCancel: () => void;
}

export function MonitorForm({
  initial,
  editingId,
  config,
  pushOrigin,
  save,
  test,
  onCancel,
}: MonitorFormProps) {
  const [draft, setDraft] = useState(initial);
  const [idTouched, setIdTouched] = useState(editingId !== null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  const taken = useMemo(
    () => new Set((config.monitors ?? []).map((m) => m.id).filter((id) => id !== editingId)),
    [config, editingId],
  );
  const fields = useMemo(() => {
    const set = new Set<string>(FIELDS);
    draft.rules.forEach((_, i) => {
      for (const part of ['when', 'severity', 'name']) set.add(`rules[${i}].${part}`);
    });
    return set;
  }, [draft.rules]);
  const placed = placeIssues(issues, fields);
  const err = (key: string) => placed.byField[key];

  const update = (patch: Partial<MonitorDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (!idTouched && patch.name !== undefined) next.id = idFromName(patch.name, taken);
      return next;
    });
    // A field's message goes once the user changes that field.
    const changed = new Set(Object.keys(patch));
    setIssues((list) => list.filter((i) => !changed.has(i.path.replace(/[[.].*$/, ''))));
  };

  const showIssues = (list: FieldIssue[]) => {
    setIssues(list);
    const first = placeIssues(list, fields).byField;
    const key = FIELDS.find((f) => first[f]) ?? Object.keys(first)[0];
    if (key) requestAnimationFrame(() => document.getElementById(fieldId(key))?.focus());
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const checked = validateMonitor(draft, config, editingId);
    if (checked.issues.length > 0) {
      showIssues(checked.issues);
      return;
    }
    setSaving(true);
    try {
      await save(checked.monitor);
    } catch (e) {
      const u = toUserError(e);
      // The server names this monitor's fields as the form does; anything else is shown below the form.
      const { unplaced } = placeIssues(u.issues, fields);
      const mine = u.issues.filter((i) => !unplaced.includes(i));
      if (mine.length > 0) showIssues(mine);
      setError({ ...u, issues: unplaced });
    } finally {
      setSaving(false);
    }
  };

  const onTest = async () => {
    setError(null);
    setResult(null);
    const checked = validateMonitor(draft, config, editingId);
    const own = checked.issues.filter((i) => !i.path.startsWith('config.'));
    if (own.length > 0) {
      showIssues(own);
      return;
    }
    setTesting(true);
    try {
      const r = await test(checked.monitor);
      if (!r.ok) showIssues(r.issues);
      else setResult(r);
    } catch (e) {
      setError(toUserError(e));
    } finally {
      setTesting(false);
    }
  };

  const text = (
    key: keyof MonitorDraft,
    label: string,
    hint?: string,
    extra?: Partial<ControlProps> & {
      type?: string;
      placeholder?: string;
      inputMode?: 'numeric' | 'decimal';
    },
  ) => (
    <Field id={fieldId(key)} label={label} error={err(key)} hint={hint}>
      {(control) => (
        <input
          {...control}
          type={extra?.type ?? 'text'}
          inputMode={extra?.inputMode}
          placeholder={extra?.placeholder}
          spellCheck={false}
          value={String(draft[key] ?? '')}
          onChange={(e) => update({ [key]: e.target.value } as Partial<MonitorDraft>)}
        />
      )}
    </Field>
  );
  const numberField = (key: keyof MonitorDraft, label: string, hint?: string, placeholder?: string) =>
    text(key, label, hint, { inputMode: 'decimal', ...(placeholder ? { placeholder } : {}) });

  const alerts = config.alerts ?? {};
  const sectionProps = { draft, update, err, fieldId, text, numberField, origin: pushOrigin };
  const pushUrl = pushOrigin ? `${pushOrigin}/push/${encodeURIComponent(draft.id || 'your-id')}` : null;
  // Issues about other parts of the config, from this form's checks or from the server's save.
  const otherIssues = [...placed.unplaced, ...(error?.issues ?? [])];

  return (
    <form className="monitor-form" noValidate onSubmit={(e) => void onSubmit(e)}>
      <section className="card section-card form-section" aria-labelledby="basics-title">
        <h2 id="basics-title">Monitor</h2>
        <div className="form-grid">
          {text('name', 'Name', undefined, { placeholder: 'e.g. Solver API' })}
          <Field id={fieldId('type')} label="Type" error={err('type')}>
            {(control) => (
              <select
                {...control}
                value={draft.type}
                onChange={(e) => setDraft((d) => changeType(d, e.target.value as MonitorType))}
              >
                {TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={fieldId('id')}
            label="ID"
            error={err('id')}
            hint={
              editingId === null
                ? 'Used in links and the push URL. Cannot be changed later.'
                : 'The ID cannot be changed: history is kept under it.'
            }
          >
            {(control) => (
              <input
                {...control}
                type="text"
                spellCheck={false}
                readOnly={editingId !== null}
                value={draft.id}
                onChange={(e) => {
                  setIdTouched(true);
                  update({ id: e.target.value });
                }}
              />
            )}
          </Field>
          {/* A heartbeat is pushed to us: its one period field is below; staleness is judged every quarter period. */}
          {draft.type !== 'heartbeat' ? numberField('intervalSeconds', 'Check interval (seconds)') : null}
          {draft.type !== 'heartbeat' ? numberField('timeoutMs', 'Timeout (ms)') : null}
        </div>
        <CheckboxField
          id={fieldId('enabled')}
          label="Enabled"
          checked={draft.enabled}
          onChange={(enabled) => update({ enabled })}
          hint="A disabled monitor is kept but not checked (shown as Paused)."
        />
        <DependsOnField
          id={fieldId('dependsOn')}
          monitors={config.monitors ?? []}
          selfId={editingId ?? draft.id}
          value={draft.dependsOn}
          error={err('dependsOn')}
          onChange={(dependsOn) => update({ dependsOn })}
        />
      </section>

      {draft.type === 'http' ? (
        <section className="card section-card form-section" aria-labelledby="target-title">
          <h2 id="target-title">Request</h2>
          {text('url', 'URL', undefined, { type: 'url', placeholder: 'https://api.example.com/health' })}
          <div className="form-grid">
            <Field id={fieldId('method')} label="Method" error={err('method')}>
              {(control) => (
                <select
                  {...control}
                  value={draft.method}
                  onChange={(e) => update({ method: e.target.value })}
                >
                  {METHODS.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </select>
              )}
            </Field>
            {text('expectStatus', 'Expected status codes', 'Comma-separated. Empty accepts any 2xx.', {
              placeholder: '200, 204',
            })}
          </div>
          <TextArea
            draft={draft}
            field="headers"
            label="Headers"
            hint='One per line: "Header-Name: value". Secret values show as <stored>.'
            err={err}
            update={update}
          />
          {draft.method !== 'GET' && draft.method !== 'HEAD' ? (
            <TextArea draft={draft} field="body" label="Request body" err={err} update={update} />
          ) : null}
          <div className="form-grid">
            {text('keyword', 'Body must contain', 'Optional text the response must include.')}
            {text('keywordAbsent', 'Body must not contain', 'Optional text that must not appear.')}
          </div>
          <TlsFields draft={draft} err={err} update={update} fieldId={fieldId} />
        </section>
      ) : null}

      {draft.type === 'callback-health' ? (
        <section className="card section-card form-section" aria-labelledby="target-title">
          <h2 id="target-title">Health endpoint</h2>
          {text('url', 'URL', "The endpoint that reports your callback handler's metrics as JSON.", {
            type: 'url',
            placeholder: 'https://callbacks.example.com/health/callbacks',
          })}
          <TextArea
            draft={draft}
            field="headers"
            label="Headers"
            hint='One per line: "Header-Name: value".'
            err={err}
            update={update}
          />
          <TlsFields draft={draft} err={err} update={update} fieldId={fieldId} />
        </section>
      ) : null}

      {draft.type === 'tcp' ? (
        <section className="card section-card form-section" aria-labelledby="target-title">
          <h2 id="target-title">Connection</h2>
          <div className="form-grid">
            {text('host', 'Host', 'A host name or an IP address.', { placeholder: 'redis.internal' })}
            {numberField('port', 'Port', undefined, '6379')}
          </div>
          <CheckboxField
            id={fieldId('tcpTls')}
            label="TLS handshake after connecting"
            checked={draft.tcpTls}
            onChange={(tcpTls) => update({ tcpTls })}
          />
          {draft.tcpTls ? <TlsFields draft={draft} err={err} update={update} fieldId={fieldId} /> : null}
        </section>
      ) : null}

      {draft.type === 'balance' ? (
        <section className="card section-card form-section" aria-labelledby="target-title">
          <h2 id="target-title">Solver account</h2>
          <div className="form-grid">
            <Field id={fieldId('provider')} label="Provider" error={err('provider')}>
              {(control) => (
                <select
                  {...control}
                  value={draft.provider}
                  onChange={(e) => update({ provider: e.target.value as MonitorDraft['provider'] })}
                >
                  {BALANCE_PROVIDERS.map((p) => (
                    <option key={p} value={p}>
                      {PROVIDER_LABELS[p] ?? p}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {text('currency', 'Currency', 'A symbol ($) or a code (USD).')}
          </div>
          <SecretField
            id={fieldId('apiKey')}
            label="API key"
            noun="key"
            value={draft.apiKey}
            onChange={(apiKey) => update({ apiKey })}
            error={err('apiKey')}
          />
          <details className="advanced" open={Boolean(draft.baseUrl) || Boolean(err('baseUrl'))}>
            <summary>Advanced</summary>
            {text(
              'baseUrl',
              'Base URL',
              "Empty uses the provider's public API. Set it for a mirror or a local test server.",
              {
                type: 'url',
              },
            )}
          </details>
        </section>
      ) : null}

      {draft.type === 'pipeline' ? <PipelineEventsSection {...sectionProps} /> : null}
      {draft.type === 'webhook-receiver' ? <WebhookReceiverSection {...sectionProps} /> : null}

      {draft.type === 'heartbeat' ? (
        <section className="card section-card form-section" aria-labelledby="target-title">
          <h2 id="target-title">Heartbeat</h2>
          <p className="muted">
            Your pipeline calls Solvewatch on every run; silence for longer than the period plus the grace
            raises the alarm.
          </p>
          {pushUrl ? (
            <div className="push-url">
              <span className="field-label">Push URL</span>
              <code>
                {pushUrl}
                {draft.token ? '?token=…' : ''}
              </code>
              <span className="field-hint">
                GET or POST from your pipeline, e.g. <code>curl -fsS {pushUrl}</code>; add <code>/fail</code>,{' '}
                <code>/start</code> or an exit status (<code>cmd; curl -fsS {pushUrl}/$?</code>) and a message
                as <code>?msg=</code> or the body.
              </span>
            </div>
          ) : null}
          <div className="form-grid">
            {numberField('periodSeconds', 'Expected period (seconds)')}
            {numberField('graceSeconds', 'Grace (seconds)')}
            {numberField(
              'maxRunSeconds',
              'Longest run (seconds)',
              'Optional: a run announced with /start that has not finished by then is critical.',
            )}
          </div>
          {text('token', 'Token', 'Optional, at least 8 characters: pushes must then carry ?token=…', {
            type: 'password',
          })}
          <CheckboxField
            id={fieldId('adaptive')}
            label="Adaptive: also stale after 5× the recent average gap"
            checked={draft.adaptive}
            onChange={(adaptive) => update({ adaptive })}
          />
        </section>
      ) : null}

      <section className="card section-card form-section" aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">Thresholds</h2>
        {draft.type === 'http' ? (
          <div className="form-grid">
            {numberField('latencyWarnMs', 'Latency warning threshold (ms)', 'Empty switches this rule off.')}
            {numberField(
              'latencyCriticalMs',
              'Latency critical threshold (ms)',
              'Empty switches this rule off.',
            )}
          </div>
        ) : null}
        {draft.type === 'callback-health' ? (
          <div className="form-grid">
            {numberField(
              'staleWarnSeconds',
              'Warn when no callback for (seconds)',
              'Empty switches this rule off.',
            )}
            {numberField('p95WarnMs', 'p95 latency warning (ms)', 'Empty switches this rule off.')}
            {numberField(
              'errorRateCritical',
              'Critical error rate (0–1)',
              '0.05 = 5 %. Empty switches this rule off.',
            )}
            {numberField('errorRateMinReceived', 'Only with at least (callbacks received)')}
            {numberField(
              'deliveryRateCritical',
              'Critical delivery rate below (0–1)',
              'Where reported. Empty switches this rule off.',
            )}
          </div>
        ) : null}
        {draft.type === 'balance' ? (
          <div className="form-grid">
            {numberField('warnBelow', 'Warning below', 'Empty switches this rule off.')}
            {numberField('criticalBelow', 'Critical below', 'Empty switches this rule off.')}
          </div>
        ) : null}
        {draft.type === 'heartbeat' ? (
          <p className="muted">A heartbeat is critical when it goes stale; set the period above.</p>
        ) : null}
        {draft.type === 'pipeline' ? <PipelineThresholds numberField={numberField} /> : null}
        <DefaultRules draft={draft} onChange={(disableRules) => update({ disableRules })} />
      </section>

      <section className="card section-card form-section" aria-labelledby="rules-title">
        <h2 id="rules-title">Extra rules</h2>
        <RulesEditor
          rules={draft.rules}
          err={err}
          fieldId={fieldId}
          onChange={(rules) => update({ rules })}
        />
      </section>

      <section className="card section-card form-section" aria-labelledby="alerting-title">
        <h2 id="alerting-title">Alerting</h2>
        <p className="muted">Empty fields use the defaults for all monitors.</p>
        <div className="form-grid form-grid-3">
          {numberField(
            'failThreshold',
            'Alert after (failed checks in a row)',
            undefined,
            String(alerts.failThreshold ?? 2),
          )}
          {numberField(
            'recoverThreshold',
            'Recovered after (good checks in a row)',
            undefined,
            String(alerts.recoverThreshold ?? 2),
          )}
          {numberField(
            'cooldownSeconds',
            'Re-notify at most every (seconds)',
            undefined,
            String(alerts.cooldownSeconds ?? 300),
          )}
        </div>
      </section>

      {otherIssues.length > 0 ? (
        <IssuesPanel
          title={
            error?.issues.length
              ? 'Not saved: the config has other problems'
              : 'The config has other problems'
          }
          issues={otherIssues}
        />
      ) : null}
      {result?.monitor ? <TestResultPanel monitor={result.monitor} /> : null}
      <InlineError error={error?.issues.length ? null : error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save monitor'}
        </button>
        <button type="button" className="button" disabled={testing} onClick={() => void onTest()}>
          {testing ? 'Testing…' : 'Test now'}
        </button>
        <button type="button" className="button button-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TextArea({
  draft,
  field,
  label,
  hint,
  err,
  update,
}: {
  draft: MonitorDraft;
  field: 'headers' | 'body';
  label: string;
  hint?: string;
  err: (key: string) => string | undefined;
  update: (patch: Partial<MonitorDraft>) => void;
}) {
  return (
    <Field id={fieldId(field)} label={label} error={err(field)} hint={hint}>
      {(control) => (
        <textarea
          {...control}
          rows={3}
          spellCheck={false}
          value={draft[field]}
          onChange={(e) => update({ [field]: e.target.value })}
        />
      )}
    </Field>
  );
}
