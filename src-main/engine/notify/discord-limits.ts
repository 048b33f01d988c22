/** Discord's message and embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer text and author name of all embeds together. */
  totalEmbedChars: 6000,
} as const;

/** Seed 001's palette. */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
  author?: { name: string };
  timestamp?: string;
}

export interface AllowedMentions {
  parse: Array<'everyone' | 'roles' | 'users'>;
  roles?: string[];
  users?: string[];
}

export interface DiscordMessage {
  content?: string;
  username?: string;
  embeds: Embed[];
  allowed_mentions: AllowedMentions;
}

const ELLIPSIS = '…';
/** What an empty field shows: Discord rejects empty field values. */
export const EMPTY_VALUE = '—';

/** Seed 001's embed colours. */
export const DISCORD_COLORS = {
  success: 0x2ecc71,
  warning: 0xf39c12,
  error: 0xe74c3c,
  info: 0x3498db,
} as const;

/** `text` cut to at most `max` UTF-16 units, the last one an ellipsis; a surrogate pair is never split. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + ELLIPSIS;
}

export function fieldText(text: string, max: number): string {
  return text.trim() === '' ? EMPTY_VALUE : truncateText(text, max);
}

/**
 * The message cut down to Discord's limits, visibly ("…") rather than rejected. Lengths are counted
 * in UTF-16 units, never fewer than Discord's count of characters.
 */
export function fitDiscordMessage(message: DiscordMessage): DiscordMessage {
  const embeds = message.embeds.slice(0, DISCORD_LIMITS.embeds).map(fitEmbed);
  const fitted: DiscordMessage = {
    ...(message.content !== undefined && { content: truncateText(message.content, DISCORD_LIMITS.content) }),
    ...(message.username !== undefined && { username: message.username }),
    embeds,
    allowed_mentions: message.allowed_mentions,
  };
  const lengths = textLengths(embeds);
  if (lengths.reduce((a, b) => a + b, 0) <= DISCORD_LIMITS.totalEmbedChars) return fitted;
  // Cap every text at the largest length that fits, so the longest texts shrink first and short ones stay whole.
  let low = 1;
  let high = Math.max(...lengths);
  while (low < high) {
    const cap = Math.ceil((low + high) / 2);
    const sum = lengths.reduce((a, n) => a + Math.min(n, cap), 0);
    if (sum <= DISCORD_LIMITS.totalEmbedChars) low = cap;
    else high = cap - 1;
  }
  return { ...fitted, embeds: embeds.map((e) => mapEmbedTexts(e, (t) => truncateText(t, low))) };
}

function fitEmbed(embed: Embed): Embed {
  const out: Embed = { ...embed };
  if (embed.title !== undefined) out.title = truncateText(embed.title, DISCORD_LIMITS.title);
  if (embed.description !== undefined)
    out.description = truncateText(embed.description, DISCORD_LIMITS.description);
  if (embed.author)
    out.author = { ...embed.author, name: fieldText(embed.author.name, DISCORD_LIMITS.authorName) };
  if (embed.footer)
    out.footer = { ...embed.footer, text: fieldText(embed.footer.text, DISCORD_LIMITS.footer) };
  if (embed.fields) {
    let fields = embed.fields;
    if (fields.length > DISCORD_LIMITS.fields) {
      const hidden = fields.length - (DISCORD_LIMITS.fields - 1);
      fields = [
        ...fields.slice(0, DISCORD_LIMITS.fields - 1),
        { name: ELLIPSIS, value: `${hidden} more not shown` },
      ];
    }
    out.fields = fields.map((f) => ({
      ...f,
      name: fieldText(f.name, DISCORD_LIMITS.fieldName),
      value: fieldText(f.value, DISCORD_LIMITS.fieldValue),
    }));
  }
  return out;
}

/** The embed with `fn` applied to each text Discord counts towards the 6000-character total. */
function mapEmbedTexts(embed: Embed, fn: (text: string) => string): Embed {
  const out: Embed = { ...embed };
  if (embed.title !== undefined) out.title = fn(embed.title);
  if (embed.description !== undefined) out.description = fn(embed.description);
  if (embed.fields) out.fields = embed.fields.map((f) => ({ ...f, name: fn(f.name), value: fn(f.value) }));
  if (embed.footer) out.footer = { ...embed.footer, text: fn(embed.footer.text) };
  if (embed.author) out.author = { ...embed.author, name: fn(embed.author.name) };
  return out;
}

function textLengths(embeds: readonly Embed[]): number[] {
  const lengths: number[] = [];
  for (const e of embeds) {
    mapEmbedTexts(e, (t) => {
      lengths.push(t.length);
      return t;
    });
  }
  return lengths;
}

/** Characters Discord counts towards the 6000 limit (in UTF-16 units). */
export function embedChars(embeds: readonly Embed[]): number {
  return textLengths(embeds).reduce((a, b) => a + b, 0);
}
