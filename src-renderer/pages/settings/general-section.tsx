import { type FormEvent, useState } from 'react';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';
import type { ApiInput, ColorScheme, HostInfo } from '../../../src-main/api/contract.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import { CheckboxField, Field } from '../../components/field.tsx';
import { Banner, InlineError, Loading } from '../../components/panels.tsx';
import { useApp } from '../../state/app-context.ts';
import { useAction } from '../../state/use-load.ts';
import { placeIssues } from './field-issues.ts';
import { ListenerSettings } from './listener-settings.tsx';
import { useConfigSave } from './use-config-save.ts';

const NUMBER_FIELDS = [
  { path: 'alerts.failThreshold', label: 'Alert after (failed checks in a row)', fallback: 2 },
  { path: 'alerts.recoverThreshold', label: 'Recovered after (good checks in a row)', fallback: 2 },
  { path: 'alerts.cooldownSeconds', label: 'Re-notify at most every (seconds)', fallback: 300 },
  { path: 'history.rawDays', label: 'Keep every check for (days)', fallback: 7 },
  { path: 'history.minuteRollupDays', label: 'Keep per-minute figures for (days)', fallback: 30 },
  { path: 'history.hourRollupDays', label: 'Keep per-hour figures for (days)', fallback: 400 },
] as const;
type NumberPath = (typeof NUMBER_FIELDS)[number]['path'];

const STORAGE_WORDS: Record<HostInfo['secrets']['storage'], string> = {
  encrypted: 'Encrypted by the system keychain',
  'config-file': 'Kept as written in the config file (headless server)',
  'plain-text': 'Kept in plain text, as you allowed',
  unavailable: 'Not stored: this system offers no encryption',
};

function read(config: ConfigInput, path: NumberPath): unknown {
  const [group, key] = path.split('.') as ['alerts' | 'history', string];
  return (config[group] as Record<string, unknown> | undefined)?.[key];
}

/** Alerting defaults, history retention, and what the host app does (login item, secrets, data folder). */
export function GeneralSection({
  config,
  host,
  onSaved,
  onHostChanged,
}: {
  config: ConfigInput;
  host: HostInfo | null;
  onSaved: () => void;
  onHostChanged: () => void;
}) {
  const { api } = useApp();
  const [values, setValues] = useState<Record<NumberPath, string>>(
    () =>
      Object.fromEntries(
        NUMBER_FIELDS.map((f) => [f.path, String(read(config, f.path) ?? f.fallback)]),
      ) as Record<NumberPath, string>,
  );
  const { issues, error, saving, saved, setSaved, save } = useConfigSave(config, onSaved);
  const placed = placeIssues(issues, new Set(NUMBER_FIELDS.map((f) => f.path)));
  const preference = useAction(async (change: ApiInput<'setHostPreferences'>) => {
    await api.setHostPreferences(change);
    onHostChanged();
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const local: FieldIssue[] = [];
    const next = { alerts: { ...config.alerts }, history: { ...config.history } } as {
      alerts: Record<string, unknown>;
      history: Record<string, unknown>;
    };
    for (const f of NUMBER_FIELDS) {
      const [group, key] = f.path.split('.') as ['alerts' | 'history', string];
      const n = Number(values[f.path]);
      if (values[f.path].trim() === '' || !Number.isFinite(n))
        local.push({ path: f.path, message: 'must be a number' });
      else next[group][key] = n;
    }
    await save(next, local);
  };

  const field = (f: (typeof NUMBER_FIELDS)[number]) => (
    <Field
      key={f.path}
      id={`general-${f.path.replace('.', '-')}`}
      label={f.label}
      error={placed.byField[f.path]}
    >
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="decimal"
          value={values[f.path]}
          onChange={(e) => {
            setValues((v) => ({ ...v, [f.path]: e.target.value }));
            setSaved(false);
          }}
        />
      )}
    </Field>
  );

  return (
    <div className="settings-section">
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="form-stack">
        <section className="card section-card form-section" aria-labelledby="alerting-defaults-title">
          <h2 id="alerting-defaults-title">Alerting defaults</h2>
          <p className="muted">For every monitor that does not set its own.</p>
          <div className="form-grid form-grid-3">{NUMBER_FIELDS.slice(0, 3).map(field)}</div>
        </section>
        <section className="card section-card form-section" aria-labelledby="retention-title">
          <h2 id="retention-title">History retention</h2>
          <p className="muted">
            Older checks are rolled up into minute and hour figures, so long charts stay fast.
          </p>
          <div className="form-grid form-grid-3">{NUMBER_FIELDS.slice(3).map(field)}</div>
        </section>
        <InlineError error={error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save general settings'}
          </button>
          {saved ? (
            <span className="saved-note" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </form>

      <section className="card section-card" aria-labelledby="app-title">
        <h2 id="app-title">This app</h2>
        {!host ? (
          <Loading />
        ) : (
          <>
            {host.kind === 'desktop' && host.startAtLogin !== null ? (
              <CheckboxField
                id="general-start-at-login"
                label="Start at login"
                checked={host.startAtLogin}
                onChange={(startAtLogin) => void preference.run({ startAtLogin })}
                hint="Solvewatch starts in the tray when you log in."
              />
            ) : null}
            {host.colorScheme !== undefined ? (
              <Field
                id="general-color-scheme"
                label="Appearance"
                hint="The window and the system's dialogs, such as the file picker, follow it."
              >
                {(control) => (
                  <select
                    {...control}
                    value={host.colorScheme}
                    disabled={preference.busy}
                    onChange={(e) => void preference.run({ colorScheme: e.target.value as ColorScheme })}
                  >
                    <option value="system">As the system</option>
                    <option value="light">Light</option>
                    <option value="dark">Dark</option>
                  </select>
                )}
              </Field>
            ) : null}
            {!host.notifications.supported ? (
              <Banner level="info">
                Desktop notifications are not available here
                {host.kind === 'headless' ? ' (headless server: they are written to the log)' : ''}. Use
                Discord or a webhook to hear about alerts.
              </Banner>
            ) : null}
            <dl className="facts">
              <div className="fact">
                <dt>Secrets (API keys, webhook URLs)</dt>
                <dd>
                  {STORAGE_WORDS[host.secrets.storage]}
                  {host.secrets.backend ? ` (${host.secrets.backend})` : ''}
                </dd>
              </div>
              <div className="fact">
                <dt>Settings file</dt>
                <dd>
                  <code>{host.paths.settings}</code>
                </dd>
              </div>
              <div className="fact">
                <dt>Data folder (history, outbox)</dt>
                <dd>
                  <code>{host.paths.data}</code>
                </dd>
              </div>
            </dl>
            {host.secrets.storage === 'unavailable' ? (
              <Banner
                level="warning"
                actions={
                  <button
                    type="button"
                    className="button button-small"
                    disabled={preference.busy}
                    onClick={() => void preference.run({ allowPlainTextSecrets: true })}
                  >
                    Keep secrets in plain text
                  </button>
                }
              >
                This system has no keychain Solvewatch can use to encrypt secrets, so API keys and webhook
                URLs you type are not kept after a restart. You can allow keeping them in plain text in the
                settings file (readable by anyone with access to your user account), or use environment
                variables instead.
              </Banner>
            ) : null}
            {host.listener ? (
              <ListenerSettings
                listener={host.listener}
                busy={preference.busy}
                change={(change) => void preference.run(change)}
              />
            ) : null}
            <InlineError error={preference.error} />
          </>
        )}
      </section>
    </div>
  );
}
