import { useState } from 'react';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';
import type { HostInfo } from '../../../src-main/api/contract.ts';
import { toUserError, type UserError } from '../../api/user-error.ts';
import { downloadText } from '../../components/download.ts';
import { CheckboxField } from '../../components/field.tsx';
import { Icon } from '../../components/icons.tsx';
import { InlineError } from '../../components/panels.tsx';
import { useApp } from '../../state/app-context.ts';
import { exportConfig, exportFileName } from './config-export.ts';

const download = (config: ConfigInput, keepEnv: boolean): void =>
  downloadText(
    exportFileName(new Date()),
    `${JSON.stringify(exportConfig(config, keepEnv), null, 2)}\n`,
    'application/json',
  );

/**
 * Export the config as JSON. Secret values go into the file only where the host offers it (the desktop
 * app) and only after the user confirmed a file holding them in plain text.
 */
export function ExportSection({ config, host }: { config: ConfigInput; host: HostInfo | null }) {
  const { api } = useApp();
  const [keepEnv, setKeepEnv] = useState(false);
  const [withSecrets, setWithSecrets] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const offered = host?.secretExport === true;

  const cancel = () => {
    setConfirming(false);
    document.getElementById('export-button')?.focus();
  };
  const exportWithSecrets = async () => {
    setBusy(true);
    setError(null);
    try {
      download(await api.exportConfigWithSecrets({ confirmed: true }), keepEnv);
      setConfirming(false);
    } catch (e) {
      setError(toUserError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card section-card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="muted">Download your monitors and notification settings as a JSON file.</p>
      <p className="muted">
        {offered
          ? 'Unless you include them, secret values stay out of the file'
          : host?.kind === 'headless'
            ? 'Secret values never leave this server'
            : 'Secret values stay out of the file'}
        : API keys, signing secrets and webhook URLs are written as <code>{'{"stored": true}'}</code> (secret
        header values and heartbeat tokens as <code>&lt;stored&gt;</code>). Importing such a file here keeps
        the current values; on another computer, Solvewatch asks for each of them again.
      </p>
      <CheckboxField
        id="export-env-references"
        label="Keep environment variable references"
        checked={keepEnv}
        onChange={setKeepEnv}
        hint={
          <>
            Ticked, a secret read from an environment variable is written as its{' '}
            <code>{'{"env": "NAME"}'}</code> reference (the name only, never the value); unticked, as{' '}
            <code>{'{"stored": true}'}</code> like the others.
          </>
        }
      />
      {offered ? (
        <CheckboxField
          id="export-secret-values"
          label="Include secret values"
          checked={withSecrets}
          onChange={setWithSecrets}
          hint="The file then holds your API keys, tokens, signing secrets and webhook URLs themselves, in plain text, so it imports on another computer with nothing to type again. You confirm before it is written."
        />
      ) : null}
      <div>
        <button
          id="export-button"
          type="button"
          className="button"
          disabled={busy || confirming}
          onClick={() => (withSecrets && offered ? setConfirming(true) : download(config, keepEnv))}
        >
          <Icon name="download" />
          Export config
        </button>
      </div>
      {confirming ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="export-secrets-title"
          aria-describedby="export-secrets-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancel();
          }}
        >
          <p id="export-secrets-title">
            <strong>Export your secrets in plain text?</strong>
          </p>
          <p id="export-secrets-text">
            The file will hold your API keys, tokens, signing secrets and Discord and webhook URLs in plain
            text. Anyone who has the file can use them: keep it private, and delete it once imported.
          </p>
          <div className="confirm-actions">
            <button
              type="button"
              className="button button-small button-danger-solid"
              disabled={busy}
              onClick={() => void exportWithSecrets()}
            >
              {busy ? 'Exporting…' : 'Export with secret values'}
            </button>
            <button
              type="button"
              className="button button-small"
              // biome-ignore lint/a11y/noAutofocus: the confirmation takes focus, on the choice that exports nothing.
              autoFocus
              onClick={cancel}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <InlineError error={error} />
    </section>
  );
}
