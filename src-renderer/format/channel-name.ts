const CHANNEL_NAMES: Record<string, string> = { discord: 'Discord', webhook: 'Webhook', desktop: 'Desktop' };

export const channelName = (channel: string): string => CHANNEL_NAMES[channel] ?? channel;
