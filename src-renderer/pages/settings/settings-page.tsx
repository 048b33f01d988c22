import { ErrorPanel, Loading } from '../../components/panels.tsx';
import { hrefOf, SETTINGS_SECTIONS, type SettingsSection } from '../../routing/route.ts';
import { useApp } from '../../state/app-context.ts';
import { useLoad } from '../../state/use-load.ts';
import { GeneralSection } from './general-section.tsx';
import { ImportExportSection } from './import-export-section.tsx';
import { MaintenanceSection } from './maintenance-section.tsx';
import { MonitorsSection } from './monitors-section.tsx';
import { NotificationsSection } from './notifications-section.tsx';

const TITLES: Record<SettingsSection, string> = {
  monitors: 'Monitors',
  notifications: 'Notifications',
  maintenance: 'Maintenance',
  general: 'General',
  'import-export': 'Import/Export',
};

export function SettingsPage({ section }: { section: SettingsSection }) {
  const { api, live } = useApp();
  // The config changes under us when the demo starts or another window saves: reload on new snapshots.
  const ids = live.state?.monitors.map((m) => `${m.id}:${m.enabled}`).join() ?? '';
  const config = useLoad(() => api.getConfig({}), [api, ids]);
  const host = useLoad(() => api.getHost({}), [api]);

  return (
    <div className="page settings-page">
      <h1 className="page-title">Settings</h1>
      <nav aria-label="Settings sections" className="tabs">
        <ul>
          {SETTINGS_SECTIONS.map((s) => (
            <li key={s}>
              <a
                href={hrefOf({ name: 'settings', section: s })}
                aria-current={s === section ? 'page' : undefined}
              >
                {TITLES[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!config.data ? (
        config.status === 'error' ? (
          <ErrorPanel title="Could not load the settings" error={config.error} onRetry={config.reload} />
        ) : (
          <Loading label="Loading settings…" />
        )
      ) : section === 'monitors' ? (
        <MonitorsSection config={config.data} onSaved={config.reload} />
      ) : section === 'notifications' ? (
        <NotificationsSection
          key={JSON.stringify(config.data.notifications)}
          config={config.data}
          onSaved={config.reload}
        />
      ) : section === 'maintenance' ? (
        <MaintenanceSection config={config.data} onSaved={config.reload} />
      ) : section === 'general' ? (
        <GeneralSection
          key={JSON.stringify([config.data.history, config.data.alerts])}
          config={config.data}
          host={host.data}
          onSaved={config.reload}
          onHostChanged={host.reload}
        />
      ) : (
        <ImportExportSection config={config.data} host={host.data} onSaved={config.reload} />
      )}
    </div>
  );
}
