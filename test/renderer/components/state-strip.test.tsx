// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStrip } from '../../../src-renderer/components/state-strip.tsx';

afterEach(cleanup);

describe('the state strip', () => {
  it('draws the checks as runs of equal states, oldest first, and says the span and the counts in words', () => {
    const from = Date.UTC(2025, 0, 15, 9, 0, 0);
    const states = `${'o'.repeat(20)}cc${'o'.repeat(28)}`;
    render(<StateStrip checks={{ states, from, to: from + 49 * 60_000 }} />);
    const strip = screen.getByRole('img');
    const label = strip.getAttribute('aria-label') ?? '';
    expect(label).toMatch(/^Last 50 checks from .+ to .+: 2 Critical, 48 OK$/);
    // Runs of equal checks, oldest first, each as wide as its checks: 10 empty slots, 20 OK, 2 critical, 28 OK.
    const runs = [...strip.children].map((c) => [
      c.className.replace('strip-run ', ''),
      Number((c as HTMLElement).dataset.checks),
    ]);
    expect(runs).toEqual([
      ['strip-empty', 10],
      ['strip-ok', 20],
      ['strip-critical', 2],
      ['strip-ok', 28],
    ]);
  });

  it('draws nothing before the first check', () => {
    const { container } = render(<StateStrip checks={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
