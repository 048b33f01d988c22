import { Icon } from '../../components/icons.tsx';
import { EmptyState, ErrorPanel, InlineError, Loading } from '../../components/panels.tsx';
import { hrefOf } from '../../routing/route.ts';
import { useApp } from '../../state/app-context.ts';
import { useDebounced } from '../../state/use-debounced.ts';
import { useAction, useLoad } from '../../state/use-load.ts';
import { useNow } from '../../state/use-now.ts';
import { DiscordMessage } from './discord-embed.tsx';

/** The demo's local Discord-compatible sink: every message the simulated pipeline's alerts produced. */
export function DemoPage() {
  const { api, live } = useApp();
  const now = useNow(10_000);
  const s = live.state;
  // The engine sends a snapshot after every delivery: reload on those (debounced), no polling.
  const key = useDebounced(
    s ? [live.revision, s.alerts.firing, ...s.monitors.map((m) => `${m.id}:${m.state}`)].join('|') : '',
    500,
  );
  const demo = useLoad(() => api.getDemo({}), [api, key]);
  const stop = useAction(() => api.stopDemo({}).then(demo.reload));
  const start = useAction(() => api.startDemo({}).then(demo.reload));

  return (
    <div className="page demo-page">
      <a className="back-link" href={hrefOf({ name: 'dashboard' })}>
        <Icon name="back" />
        Dashboard
      </a>
      <div className="page-head">
        <h1 className="page-title">Demo Discord inbox</h1>
        <div className="toolbar">
          <button type="button" className="button button-small" onClick={demo.reload}>
            Refresh
          </button>
          {demo.data?.running || (demo.data?.monitorIds.length ?? 0) > 0 ? (
            <button
              type="button"
              className="button button-danger"
              disabled={stop.busy}
              onClick={() => void stop.run()}
            >
              <Icon name="stop" />
              {stop.busy ? 'Stopping…' : 'Stop demo'}
            </button>
          ) : null}
        </div>
      </div>
      <p className="muted">
        The demo sends its alerts to a Discord-compatible server on this computer instead of Discord. This is
        what your team's channel would show.
      </p>
      <InlineError error={stop.error ?? start.error} />
      {demo.status === 'error' && !demo.data ? (
        <ErrorPanel title="Could not load the demo" error={demo.error} onRetry={demo.reload} />
      ) : !demo.data ? (
        <Loading />
      ) : !demo.data.running && demo.data.inbox.length === 0 ? (
        <EmptyState
          title={demo.data.available ? 'The demo is not running' : 'The demo is not available in this build'}
          action={
            demo.data.available ? (
              <button
                type="button"
                className="button button-primary"
                disabled={start.busy}
                onClick={() => void start.run()}
              >
                <Icon name="play" />
                Try the demo
              </button>
            ) : undefined
          }
        >
          Start it to watch a simulated pipeline drain its balance, degrade and recover.
        </EmptyState>
      ) : demo.data.inbox.length === 0 ? (
        <EmptyState title="No messages yet">
          The first alerts arrive within a minute, once the simulated pipeline starts to misbehave.
        </EmptyState>
      ) : (
        <ol className="discord-inbox" aria-label="Messages, newest first">
          {demo.data.inbox.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id; the list is replaced whole.
            <DiscordMessage key={`${m.receivedAt}-${i}`} message={m} now={now} />
          ))}
        </ol>
      )}
    </div>
  );
}
