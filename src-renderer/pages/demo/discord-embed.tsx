import type { DemoMessage } from '../../../src-main/api/contract.ts';
import { formatDateTime } from '../../format/format.ts';

type Embed = DemoMessage['embeds'][number];

const hex = (color: number | undefined): string =>
  color === undefined ? 'var(--border-strong)' : `#${(color & 0xffffff).toString(16).padStart(6, '0')}`;

/** One Discord embed as Discord draws it: colour bar, title, description, fields (inline ones side by side), footer. */
export function DiscordEmbed({ embed }: { embed: Embed }) {
  return (
    <div className="embed" style={{ borderLeftColor: hex(embed.color) }}>
      {embed.title ? <p className="embed-title">{embed.title}</p> : null}
      {embed.description ? <p className="embed-description">{embed.description}</p> : null}
      {embed.fields && embed.fields.length > 0 ? (
        <dl className="embed-fields">
          {embed.fields.map((f, i) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: fields are a fixed list that never reorders.
              key={`${f.name}-${i}`}
              className={f.inline ? 'embed-field embed-field-inline' : 'embed-field'}
            >
              <dt>{f.name}</dt>
              <dd>{f.value}</dd>
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

export function DiscordMessage({ message }: { message: DemoMessage }) {
  return (
    <li className="discord-message">
      <div className="discord-avatar" aria-hidden="true" />
      <div className="discord-body">
        <p className="discord-meta">
          <span className="discord-author">Solvewatch</span>
          <span className="discord-badge">BOT</span>
          <time dateTime={new Date(message.receivedAt).toISOString()}>
            {formatDateTime(message.receivedAt)}
          </time>
        </p>
        {message.content ? <p className="discord-content">{message.content}</p> : null}
        {message.embeds.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: embeds are a fixed list that never reorders.
          <DiscordEmbed key={`${e.title ?? ''}-${i}`} embed={e} />
        ))}
      </div>
    </li>
  );
}
