// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../../../src-renderer/pages/settings/settings-page.tsx';
import { temporaryDirs } from '../../../support/temp-dir.ts';
import { type RealServer, startRealServer } from '../../real-server.ts';
import { renderWithApp } from '../../render-with-app.tsx';

const tempDir = temporaryDirs();
let server: RealServer | null = null;
afterEach(async () => {
  cleanup();
  await server?.headless.stop();
  server = null;
});

const windows = () => JSON.parse(readFileSync(server?.configPath ?? '', 'utf8')).maintenance;

describe('maintenance settings', () => {
  it('adds a cron window after showing a bad pattern as a field error, and removes it', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 }],
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="maintenance" />, server.api);

    await user.type(await screen.findByLabelText('Name'), 'Weekly reboot');
    await user.selectOptions(screen.getByLabelText('Repeats'), 'cron');
    await user.type(screen.getByLabelText('Cron pattern'), '0 3 * * funday');
    await user.click(screen.getByRole('button', { name: 'Add window' }));
    expect(screen.getByLabelText('Cron pattern').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/must be a cron pattern/)).toBeTruthy();

    await user.clear(screen.getByLabelText('Cron pattern'));
    await user.type(screen.getByLabelText('Cron pattern'), '0 3 * * 0');
    await user.type(screen.getByLabelText('Time zone'), 'Europe/Berlin');
    await user.click(screen.getByRole('button', { name: 'Add window' }));
    await waitFor(() =>
      expect(windows()).toMatchObject([
        { name: 'Weekly reboot', cron: '0 3 * * 0', durationMinutes: 60, timezone: 'Europe/Berlin' },
      ]),
    );

    await user.click(await screen.findByRole('button', { name: 'Remove Weekly reboot' }));
    await waitFor(() => expect(windows()).toEqual([]));
  });

  it('starts a window now and ends it', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 }],
    });
    const user = userEvent.setup();
    const { update } = renderWithApp(<SettingsPage section="maintenance" />, server.api);

    await user.click(await screen.findByRole('button', { name: 'Start now' }));
    await waitFor(() => expect(windows()).toMatchObject([{ name: 'Maintenance' }]));
    update({ state: await server.api.getState({}) });
    await user.click(await screen.findByRole('button', { name: 'End now' }));
    await waitFor(() => expect(windows()).toEqual([]));
  });

  it('edits a window in place, keeping its id', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 }],
      maintenance: [{ id: 'weekly', name: 'Weekly reboot', cron: '0 3 * * 0', durationMinutes: 60 }],
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="maintenance" />, server.api);

    await user.click(await screen.findByRole('button', { name: 'Edit Weekly reboot' }));
    expect((screen.getByLabelText('Cron pattern') as HTMLInputElement).value).toBe('0 3 * * 0');
    await user.clear(screen.getByLabelText('Duration (minutes)'));
    await user.type(screen.getByLabelText('Duration (minutes)'), '90');
    await user.click(screen.getByRole('button', { name: 'Save window' }));
    await waitFor(() =>
      expect(windows()).toEqual([
        { id: 'weekly', name: 'Weekly reboot', cron: '0 3 * * 0', durationMinutes: 90 },
      ]),
    );
    expect(await screen.findByRole('button', { name: 'Add window' })).toBeTruthy();
  });
});
