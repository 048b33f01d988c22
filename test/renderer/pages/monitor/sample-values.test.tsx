// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SampleValues } from '../../../../src-renderer/pages/monitor/sample-values.tsx';

afterEach(cleanup);

describe('the breached rules of a check', () => {
  it('says each in words first, with its resolved condition behind a disclosure', () => {
    render(
      <SampleValues
        monitor={{
          type: 'balance',
          values: { balance: 2.79 },
          error: null,
          latencyMs: 40,
          breached: [
            {
              ruleId: 'balance-low',
              name: 'Balance low',
              severity: 'warning',
              breached: true,
              resolved: '[BALANCE] (2.79) < 10',
              threshold: 10,
            },
            {
              ruleId: 'slow-solves',
              name: 'Slow solves',
              severity: 'critical',
              breached: true,
              resolved: '[VALUE].solve_p95_ms (31000) > 30000',
            },
            {
              ruleId: 'balance-critical',
              name: 'Balance critical',
              severity: 'critical',
              breached: false,
              resolved: '[BALANCE] (2.79) < 1',
              threshold: 1,
            },
          ],
        }}
        context={{ currency: '€' }}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Breached rules' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [balance, custom] = items as [HTMLElement, HTMLElement];
    expect(balance.querySelector('strong')?.textContent).toBe('Balance €2.79 — below the €10.00 warning');
    expect(balance.querySelector('details code')?.textContent).toBe('[BALANCE] (2.79) < 10');
    expect(custom.querySelector('strong')?.textContent).toMatch(/^Slow solves/);
    for (const item of items) expect(item.querySelector('strong')?.textContent).not.toContain('[');
  });
});
