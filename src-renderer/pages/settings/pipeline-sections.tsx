import type { ReactNode } from 'react';
import type { MonitorDraft } from './monitor-draft.ts';
import { SecretField } from './secret-field.tsx';

export interface PipelineSectionProps {
  draft: MonitorDraft;
  update: (patch: Partial<MonitorDraft>) => void;
  err: (key: string) => string | undefined;
  fieldId: (key: string) => string;
  text: (key: keyof MonitorDraft, label: string, hint?: string, extra?: { type?: string }) => ReactNode;
  numberField: (key: keyof MonitorDraft, label: string, hint?: string) => ReactNode;
  /** Where this Solvewatch receives events (the server's address, or the desktop listener's). */
  origin: string | null;
}

/** 32 random bytes as hex: a secret to paste into the provider's webhook settings. */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A test event signed the way providers sign (seed 004), to paste into a shell. */
export function signedCurlExample(url: string, header: string): string {
  const body = '{"event":"task.completed","taskId":"test_1","solveMs":12000}';
  return [
    `BODY='${body}'`,
    `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')`,
    `curl -fsS -X POST '${url}' -H "${header}: $SIG" -H 'content-type: application/json' -d "$BODY"`,
  ].join('\n');
}

/** Events in: the URL to give the provider, the signing secret (with "Generate secret"), the token. */
export function PipelineEventsSection(p: PipelineSectionProps) {
  const { draft, update } = p;
  const url = p.origin ? `${p.origin}/events/${encodeURIComponent(draft.id || 'your-id')}` : null;
  return (
    <section className="card section-card form-section" aria-labelledby="events-title">
      <h2 id="events-title">Pipeline events</h2>
      <p className="muted">
        Your CAPTCHA provider's webhooks (task.completed, task.failed, balance.low) and your own task events
        are posted here; Solvewatch derives success and error rates, delivery rate, queue and traffic from
        them.
      </p>
      {url ? (
        <div className="push-url">
          <span className="field-label">Events URL (give it to the provider)</span>
          <code>{url}</code>
        </div>
      ) : (
        <p className="muted">
          The events URL appears here once Solvewatch listens for events (add the monitor, then check Settings
          → General).
        </p>
      )}
      <SecretField
        id={p.fieldId('signingSecret')}
        label="Signing secret"
        noun="secret"
        value={draft.signingSecret}
        onChange={(signingSecret) => update({ signingSecret })}
        error={p.err('signingSecret')}
      />
      <button
        type="button"
        className="button"
        onClick={() =>
          update({ signingSecret: { ...draft.signingSecret, source: 'value', text: generateSecret() } })
        }
      >
        Generate secret
      </button>
      {p.text('signatureHeader', 'Signature header', 'Holds the hex HMAC-SHA256 of the raw body.')}
      {p.text('token', 'Token', 'Optional, for your own code: Authorization: Bearer … or ?token=…', {
        type: 'password',
      })}
      {url ? (
        <div className="push-url">
          <span className="field-label">
            Send a signed test event (with SECRET set to the signing secret)
          </span>
          <pre>
            <code>{signedCurlExample(url, draft.signatureHeader || 'X-Webhook-Signature')}</code>
          </pre>
        </div>
      ) : null}
    </section>
  );
}

export function PipelineThresholds({ numberField }: Pick<PipelineSectionProps, 'numberField'>) {
  return (
    <div className="form-grid">
      {numberField('windowSeconds', 'Window (seconds)', 'Rates are computed over the last window.')}
      {numberField('errorRateCritical', 'Critical error rate (0–1)', '0.15 = 15 %. Empty switches it off.')}
      {numberField('errorRateMinTasks', 'Only with more than (tasks in the window)')}
      {numberField(
        'deliveryTimeoutSeconds',
        'Delivery timeout (seconds)',
        'A callback later than this is missed.',
      )}
      {numberField('queueWarn', 'Warn above queue depth', 'Empty switches it off.')}
      {numberField('staleSeconds', 'Warn when no result for (seconds)', 'Empty switches it off.')}
    </div>
  );
}

/** The user's own webhook endpoint, probed with a signed and a forged test event. */
export function WebhookReceiverSection(p: PipelineSectionProps) {
  return (
    <section className="card section-card form-section" aria-labelledby="receiver-title">
      <h2 id="receiver-title">Webhook receiver</h2>
      <p className="muted">
        Each check posts a signed test event (it must be accepted) and the same event with a wrong signature
        (it must get 401 or 403).
      </p>
      {p.text('url', 'Endpoint URL', undefined, { type: 'url' })}
      <SecretField
        id={p.fieldId('signingSecret')}
        label="Signing secret"
        noun="secret"
        value={p.draft.signingSecret}
        onChange={(signingSecret) => p.update({ signingSecret })}
        error={p.err('signingSecret')}
      />
      {p.text('signatureHeader', 'Signature header')}
    </section>
  );
}
