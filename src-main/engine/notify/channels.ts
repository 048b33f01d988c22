import { createHash } from 'node:crypto';
import type { Config, Secret } from '../../api/config-schema.ts';
import type { Clock } from '../clock.ts';
import { DesktopNotifier, type DesktopPort } from './desktop.ts';
import { DiscordNotifier } from './discord.ts';
import type { Notifier } from './notifier.ts';
import type { ChannelEntry } from './outbox.ts';
import { notifierClock } from './rate-limit.ts';
import { WebhookNotifier } from './webhook.ts';

export const CHANNELS = ['desktop', 'discord', 'webhook'] as const;
export type ChannelName = (typeof CHANNELS)[number];

const fingerprint = (...parts: Array<string | undefined>) =>
  createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\0'))
    .digest('hex')
    .slice(0, 16);

interface Closable {
  close?(): Promise<void>;
}

/**
 * The notification channels a config asks for. A channel whose config did not change keeps its
 * notifier (and so its rate-limit state); replaced notifiers are closed. Fingerprints hash the
 * resolved settings, so the outbox can tell a fixed channel from a broken one without keeping secrets.
 * Notifiers run on the engine's `clock`, never on wall time of their own.
 */
export function buildChannels(
  config: Config,
  previous: ReadonlyMap<string, ChannelEntry>,
  resolve: (s: Secret) => string | null,
  desktop: DesktopPort,
  clock: Clock,
): { channels: Map<string, ChannelEntry>; problems: string[] } {
  const channels = new Map<string, ChannelEntry>();
  const problems: string[] = [];
  const add = (name: ChannelName, print: string, make: () => Notifier) => {
    const old = previous.get(name);
    channels.set(name, old && old.fingerprint === print ? old : { notifier: make(), fingerprint: print });
  };
  const n = config.notifications;
  if (n.desktop) add('desktop', 'desktop', () => new DesktopNotifier(desktop));
  if (n.discord) {
    const url = resolve(n.discord.webhookUrl);
    const mention = n.discord.mention;
    if (url)
      add(
        'discord',
        fingerprint(url, mention),
        () => new DiscordNotifier({ webhookUrl: url, mention, clock: notifierClock(clock) }),
      );
    else problems.push('notifications.discord.webhookUrl: the secret is not available');
  }
  if (n.webhook) {
    const url = resolve(n.webhook.url);
    const secret = n.webhook.secret ? (resolve(n.webhook.secret) ?? undefined) : undefined;
    // Unsigned messages would be rejected by a receiver that verifies signatures: better not to send.
    if (n.webhook.secret && !secret)
      problems.push('notifications.webhook.secret: the secret is not available');
    else if (url) add('webhook', fingerprint(url, secret), () => new WebhookNotifier({ url, secret, clock }));
    else problems.push('notifications.webhook.url: the secret is not available');
  }
  for (const [name, entry] of previous) {
    if (channels.get(name) !== entry) void (entry.notifier as Closable).close?.();
  }
  return { channels, problems };
}

export async function closeChannels(channels: ReadonlyMap<string, ChannelEntry>): Promise<void> {
  await Promise.all([...channels.values()].map((e) => (e.notifier as Closable).close?.()));
}
