// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStrip } from '../../../src-renderer/components/state-strip.tsx';

afterEach(cleanup);

describe('the state strip', () => {
  it('draws one bar per check, oldest first, and says the span and the counts in words', () => {
    const from = Date.UTC(2025, 0, 15, 9, 0, 0);
    const states = `${'o'.repeat(20)}cc${'o'.repeat(28)}`;
    render(<StateStrip checks={{ states, from, to: from + 49 * 60_000 }} />);
    const strip = screen.getByRole('img');
    const label = strip.getAttribute('aria-label') ?? '';
    expect(label).toMatch(/^Last 50 checks from .+ to .+: 2 Critical, 48 OK$/);
    const bars = [...strip.children].map((c) => c.className.replace('strip-slot ', ''));
    expect(bars).toHaveLength(60);
    expect(bars.slice(0, 10)).toEqual(Array(10).fill('strip-empty'));
    expect(bars.slice(30, 32)).toEqual(['strip-critical', 'strip-critical']);
  });

  it('draws nothing before the first check', () => {
    const { container } = render(<StateStrip checks={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
