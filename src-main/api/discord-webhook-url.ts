import { isLoopbackHost } from './loopback.ts';

const DISCORD_HOSTS: ReadonlySet<string> = new Set([
  'discord.com',
  'ptb.discord.com',
  'canary.discord.com',
  'discordapp.com',
  'ptb.discordapp.com',
  'canary.discordapp.com',
]);
/** `/api/webhooks/<id>/<token>`, optionally versioned (`/api/v10/…`). */
export const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)\/?$/;
/**
 * Null when `url` is a Discord webhook URL (discord.com, discordapp.com, their ptb./canary. hosts;
 * a loopback URL for local sinks and tests), else why not; never echoes the URL, which holds the token.
 */
export function validateDiscordWebhookUrl(url: string): string | null {
  if (!URL.canParse(url)) return 'must be a URL such as https://discord.com/api/webhooks/<id>/<token>';
  const u = new URL(url);
  const local = isLoopbackHost(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) return 'must use https://';
  if (!local && !DISCORD_HOSTS.has(u.hostname)) return 'must be on discord.com (or discordapp.com)';
  if (!WEBHOOK_PATH.test(u.pathname)) return 'must have the path /api/webhooks/<id>/<token>';
  return null;
}
