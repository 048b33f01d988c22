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

describe('the monitors list', () => {
  it('removes one monitor without undoing a monitor another client added meanwhile', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [{ id: 'old', name: 'Old', type: 'heartbeat', periodSeconds: 60 }],
    });
    const s = server;
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="monitors" />, s.api);
    const remove = await screen.findByRole('button', { name: 'Remove Old' });

    const other = await s.api.getConfig({});
    await s.api.saveConfig({
      config: {
        ...other,
        monitors: [...(other.monitors ?? []), { id: 'new', type: 'heartbeat', periodSeconds: 60 }],
      },
    });
    await user.click(remove);
    await user.click(screen.getByRole('button', { name: 'Yes, remove it' }));

    const ids = () =>
      JSON.parse(readFileSync(s.configPath, 'utf8')).monitors.map((m: { id: string }) => m.id);
    await waitFor(() => expect(ids()).toEqual(['new']));
  });

  it('cancels "Remove" with Escape, giving focus back to the Remove button', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [{ id: 'old', name: 'Old', type: 'heartbeat', periodSeconds: 60 }],
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="monitors" />, server.api);
    const remove = await screen.findByRole('button', { name: 'Remove Old' });
    await user.click(remove);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, remove it' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(remove);
    expect(JSON.parse(readFileSync(server.configPath, 'utf8')).monitors).toHaveLength(1);
  });
});
