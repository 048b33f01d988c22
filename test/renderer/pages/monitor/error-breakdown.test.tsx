// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SampleValues } from '../../../../src-renderer/pages/monitor/sample-values.tsx';

afterEach(cleanup);

describe('error codes and missed task ids on the monitor page', () => {
  it('tables the breakdown largest first and lists the missed ids instead of raw JSON', () => {
    render(
      <SampleValues
        monitor={{
          type: 'pipeline',
          values: {
            tasks: 200,
            error_breakdown: '{"TIMEOUT":15,"ERROR_CAPTCHA_UNSOLVABLE":30}',
            missed: '["task_8","task_9"]',
          },
          breached: [],
        }}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Errors by code' })).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Error codeCount',
      'ERROR_CAPTCHA_UNSOLVABLE30',
      'TIMEOUT15',
    ]);
    expect(screen.getByText('Missed task ids')).toBeTruthy();
    expect(screen.getByText(/task_9/)).toBeTruthy();
    expect(document.body.textContent).not.toContain('{"TIMEOUT"');
  });
});
