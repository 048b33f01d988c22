import { useMemo } from 'react';
import type { SolvewatchApi } from '../src-main/api/contract.ts';
import type { ConnectionEvents } from './api/connection-events.ts';
import { AppShell } from './components/app-shell.tsx';
import { PageErrorBoundary } from './components/page-error-boundary.tsx';
import { AlertsPage } from './pages/alerts/alerts-page.tsx';
import { DashboardPage } from './pages/dashboard/dashboard-page.tsx';
import { DemoPage } from './pages/demo/demo-page.tsx';
import { MonitorPage } from './pages/monitor/monitor-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { MonitorEditPage } from './pages/settings/monitor-edit-page.tsx';
import { SettingsPage } from './pages/settings/settings-page.tsx';
import { TokenRefusedPage } from './pages/token-refused-page.tsx';
import { pageKey } from './routing/page-title.ts';
import type { Route } from './routing/route.ts';
import { useHashRoute } from './routing/use-hash-route.ts';
import { AppContext } from './state/app-context.ts';
import { useLiveValue } from './state/live-store.ts';
import { useLiveStore } from './state/use-live-store.ts';

export function App({ api, connection }: { api: SolvewatchApi; connection?: ConnectionEvents }) {
  const store = useLiveStore(api, connection);
  const refused = useLiveValue(store, (live) => live.connection.status === 'refused');
  const route = useHashRoute();
  const context = useMemo(() => ({ api, store }), [api, store]);
  if (refused) return <TokenRefusedPage />;
  return (
    <AppContext.Provider value={context}>
      <AppShell route={route}>
        <PageErrorBoundary key={pageKey(route)} onReload={store.get().reload}>
          <Page route={route} />
        </PageErrorBoundary>
      </AppShell>
    </AppContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'monitor':
      return <MonitorPage key={route.id} id={route.id} />;
    case 'alerts':
      return <AlertsPage />;
    case 'settings':
      return <SettingsPage section={route.section} />;
    case 'monitor-new':
      return <MonitorEditPage id={null} />;
    case 'monitor-edit':
      return <MonitorEditPage key={route.id} id={route.id} />;
    case 'demo':
      return <DemoPage />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}
