import { formatRelative } from '../../../src-main/api/number-format.ts';

/** Discord's timestamp styles: short/long time, short/long date, short/long date-time, relative. */
export type TimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

export type MarkupPart =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; parts: MarkupPart[] }
  | { kind: 'code'; text: string }
  | { kind: 'time'; time: number; style: TimestampStyle }
  | { kind: 'mention'; text: string; id: string };

const TOKEN = /<t:(-?\d{1,13})(?::([tTdDfFR]))?>|<@(&?)(\d+)>|`([^`\n]+)`|\*\*(.+?)\*\*/gs;

/**
 * The part of Discord's markup Solvewatch's messages use: `<t:seconds[:style]>` timestamps,
 * role and user mentions, `code` and **bold**. Anything else stays text as written.
 */
export function parseDiscordMarkup(text: string): MarkupPart[] {
  const parts: MarkupPart[] = [];
  const pushText = (t: string) => {
    if (t === '') return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += t;
    else parts.push({ kind: 'text', text: t });
  };
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    pushText(text.slice(at, m.index));
    at = m.index + m[0].length;
    const [, seconds, style, role, id, code, bold] = m;
    if (seconds !== undefined) {
      parts.push({ kind: 'time', time: Number(seconds) * 1000, style: (style ?? 'f') as TimestampStyle });
    } else if (id !== undefined) {
      parts.push({ kind: 'mention', text: role ? '@role' : '@user', id });
    } else if (code !== undefined) {
      parts.push({ kind: 'code', text: code });
    } else if (bold !== undefined) {
      parts.push({ kind: 'bold', parts: parseDiscordMarkup(bold) });
    }
  }
  pushText(text.slice(at));
  return parts;
}

const STYLE_OPTIONS: Record<Exclude<TimestampStyle, 'R'>, Intl.DateTimeFormatOptions> = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

/** A timestamp as Discord shows it to a reader, in the reader's time zone unless one is given. */
export function formatDiscordTime(
  time: number,
  style: TimestampStyle,
  now: number,
  options: { locale?: string; timeZone?: string } = {},
): string {
  if (!Number.isFinite(time)) return '—';
  if (style === 'R') return formatRelative(time, now, options.locale);
  const { locale, timeZone } = options;
  return new Intl.DateTimeFormat(locale, { ...STYLE_OPTIONS[style], timeZone }).format(time);
}
