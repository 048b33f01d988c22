import type { DemoMessage } from '../api/contract.ts';
import type { ReceivedMessage } from '../fakes/discord-server.ts';

/** Messages the demo's Discord sink keeps; older ones are dropped. */
export const INBOX_LIMIT = 100;

type Embed = DemoMessage['embeds'][number];

/** What the sink received, newest first, as the UI shows it (only the embed parts it renders). */
export function demoInbox(received: readonly ReceivedMessage[], limit = INBOX_LIMIT): DemoMessage[] {
  return received.slice(-limit).reverse().map(toDemoMessage);
}

export function toDemoMessage(message: ReceivedMessage): DemoMessage {
  const body = isObject(message.body) ? message.body : {};
  return {
    receivedAt: message.at,
    content: typeof body.content === 'string' && body.content !== '' ? body.content : null,
    embeds: Array.isArray(body.embeds) ? body.embeds.filter(isObject).map(toEmbed) : [],
  };
}

function toEmbed(raw: Record<string, unknown>): Embed {
  const embed: Embed = {};
  if (typeof raw.title === 'string') embed.title = raw.title;
  if (typeof raw.description === 'string') embed.description = raw.description;
  if (typeof raw.color === 'number') embed.color = raw.color;
  if (typeof raw.timestamp === 'string') embed.timestamp = raw.timestamp;
  if (isObject(raw.footer) && typeof raw.footer.text === 'string') embed.footer = { text: raw.footer.text };
  if (Array.isArray(raw.fields)) {
    embed.fields = raw.fields
      .filter(isObject)
      .filter((f) => typeof f.name === 'string' && typeof f.value === 'string')
      .map((f) => ({
        name: f.name as string,
        value: f.value as string,
        ...(typeof f.inline === 'boolean' && { inline: f.inline }),
      }));
  }
  return embed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
