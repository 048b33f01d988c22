// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageErrorBoundary } from '../../../src-renderer/components/page-error-boundary.tsx';

afterEach(cleanup);

let broken = true;
function Page() {
  if (broken) throw new RangeError('Invalid time value');
  return <h1>Alerts</h1>;
}

describe('a page that throws', () => {
  it('shows what went wrong with "Reload" instead of a blank window, and renders again on Reload', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    broken = true;
    const reloads: number[] = [];
    render(
      <PageErrorBoundary onReload={() => reloads.push(1)}>
        <Page />
      </PageErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Invalid time value');

    broken = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reload' }));
    expect(screen.getByRole('heading', { name: 'Alerts' })).toBeTruthy();
    expect(reloads).toHaveLength(1);
    vi.restoreAllMocks();
  });
});
