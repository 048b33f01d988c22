// @vitest-environment happy-dom
import { createHmac } from 'node:crypto';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fetch as nodeFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { MonitorPage } from '../../../../src-renderer/pages/monitor/monitor-page.tsx';
import { temporaryDirs } from '../../../support/temp-dir.ts';
import { type RealServer, startRealServer } from '../../real-server.ts';
import { renderWithApp } from '../../render-with-app.tsx';

const SECRET = 'whsec_page_0123456789';
const tempDir = temporaryDirs();
let server: RealServer | null = null;
afterEach(async () => {
  cleanup();
  await server?.headless.stop();
  server = null;
});

async function post(base: string, events: unknown[], secret = SECRET): Promise<number> {
  const body = JSON.stringify(events);
  const res = await nodeFetch(`${base}/events/solver`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-webhook-signature': createHmac('sha256', secret).update(body).digest('hex'),
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe('a pipeline monitor page', () => {
  it('charts throughput, success rate and solve p95 of the results, with their error codes and a table', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [
        { id: 'solver', name: 'Solver', type: 'pipeline', signingSecret: SECRET, intervalSeconds: 3600 },
      ],
      notifications: { desktop: false },
    });
    const base = server.headless.server.url;
    const batch = [
      ...Array.from({ length: 9 }, (_, i) => ({
        event: 'task.completed',
        taskId: `ok-${i}`,
        solveMs: 14_000,
      })),
      { event: 'task.failed', taskId: 'bad-1', errorCode: 'ERROR_CAPTCHA_UNSOLVABLE' },
      { event: 'task.completed', taskId: 'ok-0' },
    ];
    expect(await post(base, batch)).toBe(202);
    expect(await post(base, [{ event: 'task.completed', taskId: 'x' }], 'forged')).toBe(401);
    await server.api.checkNow({ id: 'solver' });
    renderWithApp(<MonitorPage id="solver" />, server.api, await server.api.getState({}));

    const throughput = await screen.findByTestId('chart-throughput');
    expect(throughput.querySelector('figcaption')?.textContent).toMatch(
      /^Throughput \(results per \d+ (min|h)\)$/,
    );
    const lines = within(throughput)
      .getAllByRole('img')
      .map((img) => img.getAttribute('aria-label'));
    expect(lines).toEqual([
      expect.stringMatching(/^Completed results per .* over the last hour: 9 in all$/),
      expect.stringMatching(/^Failed results per .* over the last hour: 1 in all$/),
    ]);
    const success = within(screen.getByTestId('chart-success-rate')).getByRole('img');
    expect(success.getAttribute('aria-label')).toMatch(/: 90 % overall, target 92 %$/);
    const p95 = within(screen.getByTestId('chart-solve-p95')).getByRole('img');
    expect(p95.getAttribute('aria-label')).toMatch(/: 1\d(\.\d+)? s overall$/);

    const stats = screen.getByRole('heading', { name: 'Pipeline results' }).nextElementSibling as HTMLElement;
    const stat = (term: string) => within(stats).getByText(term).nextElementSibling?.textContent;
    expect([
      stat('Completed'),
      stat('Failed'),
      stat('Success rate'),
      stat('Duplicates'),
      stat('Refused'),
    ]).toEqual(['9', '1', '90 %', '1', '1']);
    const codes = screen.getByRole('table', { name: 'Errors by code in the last hour' });
    expect(within(codes).getByText('ERROR_CAPTCHA_UNSOLVABLE').closest('tr')?.textContent).toBe(
      'ERROR_CAPTCHA_UNSOLVABLE1',
    );

    await userEvent.setup().click(screen.getByText(/as a table$/));
    const table = screen.getByRole('table', { name: /^Results per / });
    // One row per minute with anything in it: the refusal came a moment after the batch, maybe in the next minute.
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent)
          .slice(1),
      );
    expect(rows.find((cells) => cells[0] === '9')).toEqual([
      '9',
      '1',
      '90 %',
      expect.stringMatching(/ s$/),
      '1',
      expect.any(String),
    ]);
    expect(rows.map((cells) => Number(cells[5])).reduce((a, b) => a + b)).toBe(1);

    await userEvent.setup().click(screen.getByRole('button', { name: '30d' }));
    expect(
      await screen.findByRole('img', { name: /^Completed results per .* over the last 30 days: 9 in all$/ }),
    ).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Errors by code in the last 30 days' })).toBeTruthy();
  });

  it('is not shown for other monitors', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [
        { id: 'solver', name: 'Site', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 },
      ],
      notifications: { desktop: false },
    });
    renderWithApp(<MonitorPage id="solver" />, server.api, await server.api.getState({}));
    await screen.findByTestId('chart-uptime');
    expect(screen.queryByTestId('chart-throughput')).toBeNull();
    expect(screen.queryByText('Pipeline results')).toBeNull();
  });
});
