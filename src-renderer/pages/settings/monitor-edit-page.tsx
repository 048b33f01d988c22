import { Icon } from '../../components/icons.tsx';
import { EmptyState, ErrorPanel, Loading } from '../../components/panels.tsx';
import { inboundOrigin } from '../../format/inbound-origin.ts';
import { hrefOf } from '../../routing/route.ts';
import { navigate } from '../../routing/use-hash-route.ts';
import { useApp } from '../../state/app-context.ts';
import { useLoad } from '../../state/use-load.ts';
import { draftFromMonitor, newDraft } from './monitor-draft.ts';
import { MonitorForm } from './monitor-form.tsx';

/** Add (`id` null) or edit one monitor; saving writes that monitor alone and returns to the list. */
export function MonitorEditPage({ id }: { id: string | null }) {
  const { api } = useApp();
  const config = useLoad(() => api.getConfig({}), [api]);
  const host = useLoad(() => api.getHost({}), [api]);
  const back = hrefOf({ name: 'settings', section: 'monitors' });

  const head = (title: string) => (
    <>
      <a className="back-link" href={back}>
        <Icon name="back" />
        Monitors
      </a>
      <h1 className="page-title">{title}</h1>
    </>
  );

  if (!config.data) {
    return (
      <div className="page">
        {head(id === null ? 'New monitor' : 'Edit monitor')}
        {config.status === 'error' ? (
          <ErrorPanel title="Could not load the settings" error={config.error} onRetry={config.reload} />
        ) : (
          <Loading label="Loading settings…" />
        )}
      </div>
    );
  }
  const existing = id === null ? null : (config.data.monitors ?? []).find((m) => m.id === id);
  if (id !== null && !existing) {
    return (
      <div className="page">
        {head('Edit monitor')}
        <EmptyState
          title={`No monitor has the ID “${id}”`}
          action={
            <a className="button" href={back}>
              Back to the monitors
            </a>
          }
        />
      </div>
    );
  }
  const pushOrigin = inboundOrigin(host.data, window.location.origin);
  return (
    <div className="page page-narrow">
      {head(existing ? `Edit ${existing.name ?? existing.id}` : 'New monitor')}
      <MonitorForm
        initial={existing ? draftFromMonitor(existing) : newDraft()}
        editingId={id}
        config={config.data}
        pushOrigin={pushOrigin}
        save={async (monitor) => {
          // One monitor, by its id: whatever else changed in the config since this page loaded stays.
          await api.saveMonitor({ id: id ?? String(monitor.id), monitor });
          navigate(back);
        }}
        test={(monitor) => api.testMonitor({ monitor })}
        onCancel={() => navigate(back)}
      />
    </div>
  );
}
