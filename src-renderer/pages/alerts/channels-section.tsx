import { useState } from 'react';
import type { AlertsOverview } from '../../../src-main/api/contract.ts';
import type { DeliveryRecord } from '../../../src-main/api/delivery-types.ts';
import type { DeliveryResult } from '../../../src-main/api/notification-types.ts';
import { formatDateTime, formatRelative } from '../../../src-main/api/number-format.ts';
import { EmptyState, InlineError } from '../../components/panels.tsx';
import { channelName } from '../../format/channel-name.ts';
import { isoTime } from '../../format/iso-time.ts';
import { useApp } from '../../state/app-context.ts';
import { useAction, useLoad } from '../../state/use-load.ts';

const TESTABLE = ['desktop', 'discord', 'webhook'] as const;
type TestableChannel = (typeof TESTABLE)[number];
const isTestable = (c: string): c is TestableChannel => (TESTABLE as readonly string[]).includes(c);

const OUTCOME_WORDS: Record<DeliveryRecord['outcome'], string> = {
  delivered: 'Delivered',
  retry: 'Will retry',
  rejected: 'Rejected',
  broken: 'Channel broken',
  expired: 'Expired',
  'gave-up': 'Gave up',
  interrupted: 'Interrupted',
};

/** Each channel's health, its recent deliveries (with the server's error text) and a test button. */
export function ChannelsSection({
  overview,
  now,
  onChanged,
}: {
  overview: AlertsOverview;
  now: number;
  onChanged: () => void;
}) {
  const byChannel = new Map<string, DeliveryRecord[]>();
  for (const d of overview.deliveries) byChannel.set(d.channel, [...(byChannel.get(d.channel) ?? []), d]);
  const { api } = useApp();
  const host = useLoad(() => api.getHost({}), [api]);
  // The headless server has no desktop to notify: no card, no test button that cannot work.
  const desktopSupported = host.data?.notifications.supported ?? true;
  const channels = [...new Set([...overview.channels.map((c) => c.channel), ...byChannel.keys()])].filter(
    (c) => c !== 'desktop' || desktopSupported,
  );

  return (
    <section className="card section-card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries</h2>
      {channels.length === 0 ? (
        <EmptyState
          title="No notification channels yet"
          action={
            <a className="button" href="#/settings/notifications">
              Set up notifications
            </a>
          }
        >
          Add a Discord or generic webhook in Settings to be told when something breaks.
        </EmptyState>
      ) : (
        <div className="channel-list">
          {channels.map((channel) => {
            const status = overview.channels.find((c) => c.channel === channel) ?? null;
            return (
              <ChannelCard
                key={channel}
                channel={channel}
                status={status}
                deliveries={byChannel.get(channel) ?? []}
                now={now}
                onChanged={onChanged}
              />
            );
          })}
        </div>
      )}
    </section>
  );
}

function ChannelCard({
  channel,
  status,
  deliveries,
  now,
  onChanged,
}: {
  channel: string;
  status: AlertsOverview['channels'][number] | null;
  deliveries: DeliveryRecord[];
  now: number;
  onChanged: () => void;
}) {
  const { api } = useApp();
  const [result, setResult] = useState<DeliveryResult | null>(null);
  const test = useAction(async () => {
    if (!isTestable(channel)) return;
    setResult(await api.sendTestNotification({ channel }));
    onChanged();
  });
  const health = status?.broken ? 'broken' : (status?.pending ?? 0) > 0 ? 'pending' : 'ok';
  return (
    <article className="channel" aria-label={`${channelName(channel)} channel`}>
      <div className="channel-head">
        <h3>{channelName(channel)}</h3>
        <span className={`tag tag-${health}`}>
          {health === 'broken' ? 'Broken' : health === 'pending' ? `${status?.pending} waiting` : 'Working'}
        </span>
        {isTestable(channel) ? (
          <button
            type="button"
            className="button button-small"
            disabled={test.busy}
            onClick={() => void test.run()}
          >
            {test.busy ? 'Sending…' : 'Send test notification'}
          </button>
        ) : null}
      </div>
      {status?.broken ? (
        <div className="channel-broken" role="alert">
          <p>
            <strong>
              Stopped since {formatRelative(status.broken.since, Math.max(now, status.broken.since))}:
            </strong>{' '}
            {status.broken.error} (HTTP {status.broken.status}). Nothing more is sent until the channel's
            settings change.
          </p>
          {status.broken.detail ? <pre className="code-block">{status.broken.detail}</pre> : null}
        </div>
      ) : null}
      {status?.lastDeliveredAt ? (
        <p className="muted">
          Last delivered {formatRelative(status.lastDeliveredAt, Math.max(now, status.lastDeliveredAt))}.
        </p>
      ) : null}
      {result ? <TestOutcome result={result} /> : null}
      <InlineError error={test.error} />
      {deliveries.length === 0 ? (
        <p className="muted">No deliveries yet.</p>
      ) : (
        <ul className="delivery-list">
          {deliveries.slice(0, 20).map((d) => (
            <li key={d.id} className={`delivery delivery-${d.outcome}`}>
              <span
                className={`tag tag-${d.outcome === 'delivered' ? 'ok' : d.outcome === 'retry' ? 'pending' : 'broken'}`}
              >
                {OUTCOME_WORDS[d.outcome] ?? d.outcome}
              </span>
              <div className="delivery-main">
                <span className="delivery-title">{d.title}</span>
                {d.error ? (
                  <p className="delivery-error">
                    {d.status !== null ? `HTTP ${d.status}: ` : ''}
                    {d.error}
                  </p>
                ) : null}
                {d.detail ? <pre className="code-block">{d.detail}</pre> : null}
              </div>
              <time dateTime={isoTime(d.at)} title={formatDateTime(d.at)}>
                {formatRelative(d.at, Math.max(now, d.at))}
              </time>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function TestOutcome({ result }: { result: DeliveryResult }) {
  if (result.outcome === 'delivered') {
    return (
      <p className="test-outcome test-ok" role="status">
        Test notification delivered (HTTP {result.status}).
      </p>
    );
  }
  return (
    <div className="test-outcome test-failed" role="alert">
      <p>
        Test notification not delivered: {result.error}
        {result.status !== null ? ` (HTTP ${result.status})` : ''}.
      </p>
      {'detail' in result && result.detail ? <pre className="code-block">{result.detail}</pre> : null}
    </div>
  );
}
