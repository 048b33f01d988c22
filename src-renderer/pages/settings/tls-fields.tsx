import { CheckboxField, Field } from '../../components/field.tsx';
import type { MonitorDraft } from './monitor-draft.ts';

/** Whom a TLS check trusts and when its certificate's expiry warns (http, callback-health, tcp with TLS). */
export function TlsFields({
  draft,
  err,
  update,
  fieldId,
}: {
  draft: MonitorDraft;
  err: (key: string) => string | undefined;
  update: (patch: Partial<MonitorDraft>) => void;
  fieldId: (key: string) => string;
}) {
  const number = (key: 'certWarnDays' | 'certCriticalDays', label: string) => (
    <Field id={fieldId(key)} label={label} error={err(key)} hint="Empty switches this rule off.">
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="decimal"
          value={draft[key]}
          onChange={(e) => update({ [key]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <details className="advanced" open={Boolean(draft.tlsCa) || draft.tlsInsecure || Boolean(err('tls'))}>
      <summary>TLS certificate</summary>
      <div className="form-grid">
        {number('certWarnDays', 'Warn when it expires within (days)')}
        {number('certCriticalDays', 'Critical when it expires within (days)')}
      </div>
      <Field
        id={fieldId('tls')}
        label="Trusted CA"
        error={err('tls')}
        hint="A private CA to trust besides the public ones: PEM text, or the path of a PEM file."
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            spellCheck={false}
            placeholder="/etc/ssl/private-ca.pem"
            value={draft.tlsCa}
            onChange={(e) => update({ tlsCa: e.target.value })}
          />
        )}
      </Field>
      <CheckboxField
        id={fieldId('tlsInsecure')}
        label="Skip certificate verification (insecure)"
        checked={draft.tlsInsecure}
        onChange={(tlsInsecure) => update({ tlsInsecure })}
        hint="The connection is not verified; the certificate's expiry is still watched."
      />
    </details>
  );
}
