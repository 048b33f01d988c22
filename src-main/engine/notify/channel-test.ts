import type { Config, Secret } from '../../api/config-schema.ts';
import { ApiError } from '../../api/contract.ts';
import type { DeliveryResult } from '../../api/notification-types.ts';
import type { Clock } from '../clock.ts';
import { takeInConfig } from '../config/config-intake.ts';
import { maskSecrets } from '../config/secret-masking.ts';
import { buildChannels, type ChannelName, closeChannels } from './channels.ts';
import type { DesktopPort } from './desktop.ts';
import type { ChannelEntry } from './outbox.ts';
import { testNotification } from './test-notification.ts';

export interface ChannelTestContext {
  config: Config;
  channels: ReadonlyMap<string, ChannelEntry>;
  resolve: (s: Secret) => string | null;
  desktop: DesktopPort;
  clock: Clock;
}

/**
 * "Send test" on one channel: the saved channel, or — with `typed` — the notifications settings as
 * the form holds them, before they are saved (`{ "stored": true }` keeps the saved secret). A typed
 * channel gets a notifier of its own for this one message, so the saved one's pacing is untouched.
 */
export async function sendChannelTest(
  channel: ChannelName,
  typed: unknown,
  ctx: ChannelTestContext,
): Promise<DeliveryResult> {
  const signal = AbortSignal.timeout(30_000);
  const message = testNotification(channel, ctx.clock.now());
  if (typed === undefined) {
    const entry = ctx.channels.get(channel);
    if (!entry) throw new ApiError(409, `the ${channel} channel is not configured`);
    return entry.notifier.send(message, signal);
  }
  const taken = takeInConfig({ ...maskSecrets(ctx.config), notifications: typed }, ctx.config);
  if (!taken.ok) throw new ApiError(400, 'invalid notifications', taken.issues);
  const { channels, problems } = buildChannels(taken.config, new Map(), ctx.resolve, ctx.desktop, ctx.clock);
  try {
    const entry = channels.get(channel);
    if (!entry) throw new ApiError(409, problems[0] ?? `the ${channel} channel is not filled in`);
    return await entry.notifier.send(message, signal);
  } finally {
    await closeChannels(channels);
  }
}
