import { useState } from 'react';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';
import { formatDuration } from '../../../src-main/api/number-format.ts';
import { Icon } from '../../components/icons.tsx';
import { EmptyState, InlineError } from '../../components/panels.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { displayState, typeLabel } from '../../format/monitor-display.ts';
import { hrefOf } from '../../routing/route.ts';
import { navigate } from '../../routing/use-hash-route.ts';
import { useApp } from '../../state/app-context.ts';
import { useAction } from '../../state/use-load.ts';

/** The configured monitors with edit and remove (after a confirmation). */
export function MonitorsSection({ config, onSaved }: { config: ConfigInput; onSaved: () => void }) {
  const { api, live } = useApp();
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useAction(async (id: string) => {
    await api.removeMonitor({ id });
    setConfirming(null);
    onSaved();
  });
  const monitors = config.monitors ?? [];
  const addButton = (
    <button
      type="button"
      className="button button-primary"
      onClick={() => navigate(hrefOf({ name: 'monitor-new' }))}
    >
      <Icon name="plus" />
      Add monitor
    </button>
  );

  return (
    <section className="settings-section" aria-labelledby="monitors-title">
      <div className="section-head">
        <h2 id="monitors-title">Monitors</h2>
        {monitors.length > 0 ? addButton : null}
      </div>
      {monitors.length === 0 ? (
        <EmptyState title="No monitors yet" action={addButton}>
          Add an HTTP endpoint, a callback health endpoint, your solver balance or a heartbeat.
        </EmptyState>
      ) : (
        <ul className="monitor-list">
          {monitors.map((m) => {
            const status = live.state?.monitors.find((s) => s.id === m.id);
            const name = m.name ?? m.id;
            const interval =
              m.intervalSeconds ?? (m.type === 'balance' ? 300 : m.type === 'heartbeat' ? null : 60);
            return (
              <li key={m.id} className="card monitor-row">
                <div className="monitor-row-main">
                  <a className="monitor-row-name" href={hrefOf({ name: 'monitor-edit', id: m.id })}>
                    {name}
                  </a>
                  <span className="muted">
                    {typeLabel(m.type)}
                    {interval !== null ? ` · every ${formatDuration(interval)}` : ''}
                    {m.enabled === false ? ' · disabled' : ''}
                  </span>
                </div>
                {status ? <StateBadge state={displayState(status)} /> : null}
                <div className="monitor-row-actions">
                  <a
                    className="button button-small"
                    href={hrefOf({ name: 'monitor-edit', id: m.id })}
                    aria-label={`Edit ${name}`}
                  >
                    Edit
                  </a>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    aria-label={`Remove ${name}`}
                    onClick={() => setConfirming(m.id)}
                  >
                    Remove
                  </button>
                </div>
                {confirming === m.id ? (
                  <div
                    className="confirm"
                    role="alertdialog"
                    aria-labelledby={`confirm-${m.id}`}
                    onKeyDown={(e) => {
                      if (e.key !== 'Escape') return;
                      setConfirming(null);
                      document
                        .querySelector<HTMLButtonElement>(`[aria-label="Remove ${CSS.escape(name)}"]`)
                        ?.focus();
                    }}
                  >
                    <p id={`confirm-${m.id}`}>
                      Remove <strong>{name}</strong>? It stops being checked at once. Its history stays until
                      retention removes it.
                    </p>
                    <div className="confirm-actions">
                      <button
                        type="button"
                        className="button button-small button-danger-solid"
                        // biome-ignore lint/a11y/noAutofocus: the confirmation takes focus so Escape and Tab work at once.
                        autoFocus
                        disabled={remove.busy}
                        onClick={() => void remove.run(m.id)}
                      >
                        {remove.busy ? 'Removing…' : 'Yes, remove it'}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setConfirming(null)}
                      >
                        Cancel
                      </button>
                    </div>
                    <InlineError error={remove.error} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
