import { useState } from 'react';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';
import type { HostInfo } from '../../../src-main/api/contract.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import { toUserError, type UserError } from '../../api/user-error.ts';
import { Icon } from '../../components/icons.tsx';
import { IssuesPanel } from '../../components/issue-list.tsx';
import { InlineError } from '../../components/panels.tsx';
import { useApp } from '../../state/app-context.ts';
import { storedPlaceholders } from './config-export.ts';
import { ExportSection } from './export-section.tsx';
import { namedImportIssues } from './import-issues.ts';

type ImportState =
  | { step: 'idle' }
  | { step: 'invalid'; fileName: string; issues: FieldIssue[]; message: string }
  | { step: 'ready'; fileName: string; config: unknown; monitors: number; placeholders: string[] }
  | { step: 'saved'; fileName: string };

const MAX_IMPORT_BYTES = 5 * 1_048_576;

/** Export the config as JSON, or import one: validated by the engine first, saved only when valid. */
export function ImportExportSection({
  config,
  host,
  onSaved,
}: {
  config: ConfigInput;
  host: HostInfo | null;
  onSaved: () => void;
}) {
  const { api } = useApp();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [error, setError] = useState<UserError | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setState({
        step: 'invalid',
        fileName: file.name,
        issues: [],
        message: 'The file is larger than 5 MB: not a Solvewatch config.',
      });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (e) {
      setState({
        step: 'invalid',
        fileName: file.name,
        issues: [],
        message: `The file is not valid JSON: ${(e as Error).message}`,
      });
      return;
    }
    setBusy(true);
    try {
      const result = await api.validateConfig({ config: parsed });
      if (!result.ok) {
        setState({
          step: 'invalid',
          fileName: file.name,
          issues: namedImportIssues(result.issues, parsed),
          message: 'The file is not a valid config:',
        });
      } else {
        const monitors = Array.isArray((parsed as { monitors?: unknown }).monitors)
          ? (parsed as { monitors: unknown[] }).monitors.length
          : 0;
        setState({
          step: 'ready',
          fileName: file.name,
          config: parsed,
          monitors,
          placeholders: storedPlaceholders(parsed),
        });
      }
    } catch (e) {
      setError(toUserError(e));
    } finally {
      setBusy(false);
    }
  };

  const replace = async () => {
    if (state.step !== 'ready') return;
    setBusy(true);
    setError(null);
    try {
      await api.saveConfig({ config: state.config });
      setState({ step: 'saved', fileName: state.fileName });
      onSaved();
    } catch (e) {
      const u = toUserError(e);
      if (u.issues.length > 0)
        setState({
          step: 'invalid',
          fileName: state.fileName,
          issues: namedImportIssues(u.issues, state.config),
          message: u.message,
        });
      else setError(u);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-section">
      <ExportSection config={config} host={host} />

      <section className="card section-card" aria-labelledby="import-title">
        <h2 id="import-title">Import</h2>
        <p className="muted">
          Replace the whole config with a file exported from Solvewatch (or written by hand). It is checked
          before anything changes.
        </p>
        <div className="file-row">
          <label htmlFor="import-file" className="field-label">
            Config file (JSON)
          </label>
          <input
            id="import-file"
            type="file"
            accept="application/json,.json"
            disabled={busy}
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
        {state.step === 'invalid' ? (
          <IssuesPanel
            title={`Nothing was imported from ${state.fileName}`}
            message={state.message}
            issues={state.issues}
          />
        ) : null}
        {state.step === 'ready' ? (
          <div className="confirm" role="alertdialog" aria-labelledby="import-confirm">
            <p id="import-confirm">
              <strong>{state.fileName}</strong> is valid ({state.monitors} monitor
              {state.monitors === 1 ? '' : 's'}). Replace your current config with it?
            </p>
            {state.placeholders.length > 0 ? (
              <div className="warning-note" role="note" aria-label="Secrets without a value">
                <p>
                  These secrets are only placeholders: they keep a value only on the computer that stored
                  them. Elsewhere, type them again after importing.
                </p>
                <ul>
                  {state.placeholders.map((p) => (
                    <li key={p}>
                      <code>{p}</code>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="confirm-actions">
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busy}
                onClick={() => void replace()}
              >
                <Icon name="upload" />
                Replace my config
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setState({ step: 'idle' })}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : null}
        {state.step === 'saved' ? (
          <p className="saved-note" role="status">
            Imported {state.fileName}.
          </p>
        ) : null}
        <InlineError error={error} />
      </section>
    </div>
  );
}
