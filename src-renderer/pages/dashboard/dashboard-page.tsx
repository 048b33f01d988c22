import { useEffect, useMemo, useState } from 'react';
import type { DemoStatus, HostInfo } from '../../../src-main/api/contract.ts';
import { Icon } from '../../components/icons.tsx';
import { ErrorPanel, InlineError, Loading } from '../../components/panels.tsx';
import { SnoozeControl } from '../../components/snooze-control.tsx';
import { STATE_WORDS } from '../../components/state-badge.tsx';
import { typeLabel } from '../../format/monitor-display.ts';
import { hrefOf } from '../../routing/route.ts';
import { useApp } from '../../state/app-context.ts';
import { useAction, useLoad } from '../../state/use-load.ts';
import { useNow } from '../../state/use-now.ts';
import { useStableList } from '../../state/use-stable-list.ts';
import { CardGrid } from './card-grid.tsx';
import { DashboardBanners } from './dashboard-banners.tsx';
import { FILTER_FROM, filterMonitors, type MonitorFilter, NO_FILTER } from './monitor-filter.ts';
import { Onboarding } from './onboarding.tsx';

export function DashboardPage() {
  const { api, live } = useApp();
  const now = useNow();
  const state = live.state;
  const ids = state?.monitors.map((m) => m.id).join('\n') ?? '';
  const config = useLoad(() => api.getConfig({}), [api, ids]);
  const demo = useLoad<DemoStatus | null>(() => api.getDemo({}).catch(() => null), [api, ids]);
  const [host, setHost] = useState<HostInfo | null>(null);
  const checkAll = useAction(() => api.checkNow({}));
  const dismiss = useAction((id: string) => api.setHostPreferences({ dismissNotice: id }).then(setHost));

  useEffect(() => {
    let live = true;
    api.getHost({}).then(
      (h) => live && setHost(h),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);

  const [filter, setFilter] = useState<MonitorFilter>(NO_FILTER);
  const shown = useMemo(() => filterMonitors(state?.monitors ?? [], filter), [state?.monitors, filter]);
  const shownIds = useStableList(shown.map((m) => m.id));

  const currencies = useMemo(() => {
    const map = new Map<string, string>();
    for (const m of config.data?.monitors ?? []) {
      if (m.type === 'balance') map.set(m.id, m.currency ?? '$');
    }
    return map;
  }, [config.data]);

  if (!state) {
    return (
      <div className="page">
        {live.error ? (
          <ErrorPanel title="Cannot reach the Solvewatch engine" error={live.error} onRetry={live.reload} />
        ) : (
          <Loading label="Loading your monitors…" />
        )}
      </div>
    );
  }
  if (state.monitors.length === 0) {
    return (
      <div className="page">
        <DashboardBanners
          state={state}
          host={host}
          now={now}
          onDismissNotice={(id) => void dismiss.run(id)}
        />
        <Onboarding />
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1 className="page-title">Dashboard</h1>
        <p className="page-summary">
          <Counts counts={state.counts} />
        </p>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            disabled={checkAll.busy}
            onClick={() => void checkAll.run()}
          >
            <Icon name="refresh" />
            {checkAll.busy ? 'Checking…' : 'Check all now'}
          </button>
          <SnoozeControl
            snoozedUntil={state.alerts.snoozedUntil}
            now={now}
            onSnooze={(minutes) => api.snooze({ minutes })}
            onResume={() => api.resumeAlerts({})}
          />
        </div>
        <InlineError error={checkAll.error ?? dismiss.error} />
      </div>
      <DashboardBanners state={state} host={host} now={now} onDismissNotice={(id) => void dismiss.run(id)} />
      {demo.data?.running || (demo.data?.monitorIds.length ?? 0) > 0 ? (
        <div className="demo-strip">
          <span>
            <strong>The demo is running.</strong> Its simulated pipeline drains, degrades and recovers; its
            Discord messages land in a local inbox.
          </span>
          <a className="button button-small" href={hrefOf({ name: 'demo' })}>
            Open the demo inbox
          </a>
        </div>
      ) : null}
      {state.monitors.length >= FILTER_FROM ? (
        <search className="dashboard-filters" aria-label="Find monitors">
          <label className="log-filter">
            <span>Search</span>
            <input
              type="search"
              value={filter.text}
              placeholder="Name or ID"
              onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
            />
          </label>
          <label className="log-filter">
            <span>State</span>
            <select
              value={filter.state}
              onChange={(e) => setFilter((f) => ({ ...f, state: e.target.value as MonitorFilter['state'] }))}
            >
              <option value="">All</option>
              {(['critical', 'warning', 'unknown', 'ok', 'disabled'] as const).map((st) => (
                <option key={st} value={st}>
                  {STATE_WORDS[st]}
                </option>
              ))}
            </select>
          </label>
          <label className="log-filter">
            <span>Type</span>
            <select value={filter.type} onChange={(e) => setFilter((f) => ({ ...f, type: e.target.value }))}>
              <option value="">All</option>
              {[...new Set(state.monitors.map((m) => m.type))].sort().map((t) => (
                <option key={t} value={t}>
                  {typeLabel(t)}
                </option>
              ))}
            </select>
          </label>
          <span className="log-count" aria-live="polite">
            {shown.length} of {state.monitors.length} monitors
          </span>
        </search>
      ) : null}
      <CardGrid ids={shownIds} currencies={currencies} />
    </div>
  );
}

function Counts({ counts }: { counts: Record<'ok' | 'warning' | 'critical' | 'unknown', number> }) {
  const parts = [
    counts.ok ? `${counts.ok} OK` : null,
    counts.warning ? `${counts.warning} warning` : null,
    counts.critical ? `${counts.critical} critical` : null,
    counts.unknown ? `${counts.unknown} unknown` : null,
  ].filter(Boolean);
  return <>{parts.length ? parts.join(' · ') : 'No active monitors'}</>;
}
