import { Fragment, type ReactNode } from 'react';
import type { DemoMessage } from '../../../src-main/api/contract.ts';
import { formatDateTime } from '../../../src-main/api/number-format.ts';
import { isoTime } from '../../format/iso-time.ts';
import { formatDiscordTime, type MarkupPart, parseDiscordMarkup } from './discord-markup.ts';

type Embed = DemoMessage['embeds'][number];

const hex = (color: number | undefined): string =>
  color === undefined ? 'var(--border-strong)' : `#${(color & 0xffffff).toString(16).padStart(6, '0')}`;

function Part({ part, now }: { part: MarkupPart; now: number }): ReactNode {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'bold':
      return (
        <strong>
          <Parts parts={part.parts} now={now} />
        </strong>
      );
    case 'code':
      return <code>{part.text}</code>;
    case 'mention':
      return (
        <span className="discord-mention" title={part.id}>
          {part.text}
        </span>
      );
    case 'time':
      return (
        <time
          className="discord-time"
          dateTime={isoTime(part.time)}
          title={formatDiscordTime(part.time, 'F', now)}
        >
          {formatDiscordTime(part.time, part.style, now)}
        </time>
      );
  }
}

function Parts({ parts, now }: { parts: MarkupPart[]; now: number }) {
  return parts.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: parts come from one string and never reorder.
    <Fragment key={i}>
      <Part part={part} now={now} />
    </Fragment>
  ));
}

/** Text with Discord's markup drawn as Discord would, never as HTML. */
export function DiscordText({ text, now }: { text: string; now: number }) {
  return <Parts parts={parseDiscordMarkup(text)} now={now} />;
}

/** One Discord embed as Discord draws it: colour bar, title, description, fields (inline ones side by side), footer. */
export function DiscordEmbed({ embed, now }: { embed: Embed; now: number }) {
  return (
    <div className="embed" style={{ borderLeftColor: hex(embed.color) }}>
      {embed.title ? (
        <p className="embed-title">
          <DiscordText text={embed.title} now={now} />
        </p>
      ) : null}
      {embed.description ? (
        <p className="embed-description">
          <DiscordText text={embed.description} now={now} />
        </p>
      ) : null}
      {embed.fields && embed.fields.length > 0 ? (
        <dl className="embed-fields">
          {embed.fields.map((f, i) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: fields are a fixed list that never reorders.
              key={`${f.name}-${i}`}
              className={f.inline ? 'embed-field embed-field-inline' : 'embed-field'}
            >
              <dt>
                <DiscordText text={f.name} now={now} />
              </dt>
              <dd>
                <DiscordText text={f.value} now={now} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {embed.footer || embed.timestamp ? (
        <p className="embed-footer">
          {[embed.footer?.text, embed.timestamp ? formatDateTime(Date.parse(embed.timestamp)) : null]
            .filter(Boolean)
            .join(' • ')}
        </p>
      ) : null}
    </div>
  );
}

export function DiscordMessage({ message, now }: { message: DemoMessage; now: number }) {
  return (
    <li className="discord-message">
      <div className="discord-avatar" aria-hidden="true" />
      <div className="discord-body">
        <p className="discord-meta">
          <span className="discord-author">Solvewatch</span>
          <span className="discord-badge">BOT</span>
          <time dateTime={isoTime(message.receivedAt)}>{formatDateTime(message.receivedAt)}</time>
        </p>
        {message.content ? (
          <p className="discord-content">
            <DiscordText text={message.content} now={now} />
          </p>
        ) : null}
        {message.embeds.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: embeds are a fixed list that never reorders.
          <DiscordEmbed key={`${e.title ?? ''}-${i}`} embed={e} now={now} />
        ))}
      </div>
    </li>
  );
}
