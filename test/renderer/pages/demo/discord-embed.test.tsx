// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmbed, DiscordMessage } from '../../../../src-renderer/pages/demo/discord-embed.tsx';

afterEach(cleanup);

describe('an embed in the demo inbox', () => {
  it('shows a "Since" timestamp as a time, not as markup', () => {
    const since = 1_795_442_663_000;
    const { container } = render(
      <DiscordEmbed
        now={since + 5 * 60_000}
        embed={{
          title: 'Down: Solver API',
          description: '**HTTP 500** from `GET /status`',
          fields: [{ name: 'Since', value: `<t:${since / 1000}:R>`, inline: true }],
        }}
      />,
    );
    expect(container.textContent).not.toContain('<t:');
    expect(container.textContent).not.toContain('**');
    const time = container.querySelector('dd time');
    expect(time?.textContent).toBe('5 min ago');
    expect(time?.getAttribute('datetime')).toBe(new Date(since).toISOString());
    expect(container.querySelector('.embed-description strong')?.textContent).toBe('HTTP 500');
    expect(container.querySelector('.embed-description code')?.textContent).toBe('GET /status');
  });
});

describe('a message in the demo inbox', () => {
  it('still shows a message whose receive time is not a number', () => {
    const { container } = render(
      <ul>
        <DiscordMessage now={Date.now()} message={{ receivedAt: Number.NaN, content: 'hello', embeds: [] }} />
      </ul>,
    );
    expect(container.querySelector('.discord-content')?.textContent).toBe('hello');
    expect(container.querySelector('.discord-meta time')?.hasAttribute('datetime')).toBe(false);
  });
});
