import { routeAllows } from '../../../src-main/api/channel-route.ts';
import type { ChannelRouteConfig, MonitorInput } from '../../../src-main/api/config-schema.ts';

const LABELS: Record<string, string> = { desktop: 'Desktop', discord: 'Discord', webhook: 'Webhook' };

/** For each monitor, which configured channels hear its warnings and its criticals. */
export function ChannelReach({
  monitors,
  routes,
}: {
  monitors: readonly MonitorInput[];
  /** The configured channels only, with their filters as drafted. */
  routes: Readonly<Record<string, ChannelRouteConfig>>;
}) {
  const channels = Object.keys(routes);
  if (monitors.length === 0) return null;
  const reach = (monitorId: string, severity: 'warning' | 'critical') => {
    const names = channels
      .filter((c) => routeAllows(routes[c], monitorId, severity))
      .map((c) => LABELS[c] ?? c);
    return names.length === 0 ? 'nobody' : names.join(', ');
  };
  return (
    <section className="card section-card form-section" aria-labelledby="reach-title">
      <h3 id="reach-title">Who hears each monitor</h3>
      {channels.length === 0 ? (
        <p className="muted">No channel is set up: alerts are shown in the app only.</p>
      ) : (
        <table className="reach-table">
          <thead>
            <tr>
              <th scope="col">Monitor</th>
              <th scope="col">Warnings</th>
              <th scope="col">Criticals</th>
            </tr>
          </thead>
          <tbody>
            {monitors.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name ?? m.id}</th>
                <td>{reach(m.id, 'warning')}</td>
                <td>{reach(m.id, 'critical')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
