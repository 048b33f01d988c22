// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../../src-main/api/config-schema.ts';
import { MonitorEditPage } from '../../../../src-renderer/pages/settings/monitor-edit-page.tsx';
import { temporaryDirs } from '../../../support/temp-dir.ts';
import { type RealServer, startRealServer } from '../../real-server.ts';
import { renderWithApp } from '../../render-with-app.tsx';

const tempDir = temporaryDirs();
const SECRET_KEY = 'sk-live-abcdef0123456789-very-secret';
let server: RealServer | null = null;

afterEach(async () => {
  cleanup();
  await server?.headless.stop();
  server = null;
  window.location.hash = '';
});

async function start(config: unknown): Promise<RealServer> {
  server = await startRealServer(tempDir(), config);
  return server;
}

const savedConfig = (s: RealServer) => JSON.parse(readFileSync(s.configPath, 'utf8'));

describe('the monitor form against a real server', () => {
  it('shows a schema message next to the field it is about, and saves nothing while invalid', async () => {
    const s = await start({ monitors: [] });
    const user = userEvent.setup();
    renderWithApp(<MonitorEditPage id={null} />, s.api);

    await user.type(await screen.findByLabelText('Name'), 'Solver API');
    await user.type(screen.getByLabelText('URL'), 'ftp://example.com');
    await user.clear(screen.getByLabelText('Check interval (seconds)'));
    await user.type(screen.getByLabelText('Check interval (seconds)'), '0');
    await user.click(screen.getByRole('button', { name: 'Save monitor' }));

    const url = screen.getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const urlError = document.getElementById(url.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    expect(urlError?.className).toBe('field-error');
    expect(urlError?.textContent).toBe('must be an http:// or https:// URL');

    const interval = screen.getByLabelText('Check interval (seconds)');
    const intervalError = document.getElementById(
      interval.getAttribute('aria-describedby')?.split(' ')[0] ?? '',
    );
    expect(intervalError?.textContent).toBe('must be ≥ 1');

    expect((await s.api.getConfig({})).monitors).toEqual([]);
  });

  it('says "must be a number" for a threshold that is not one', async () => {
    const s = await start({ monitors: [] });
    const user = userEvent.setup();
    renderWithApp(<MonitorEditPage id={null} />, s.api);
    await user.type(await screen.findByLabelText('Name'), 'x');
    await user.type(screen.getByLabelText('URL'), 'http://127.0.0.1:9/');
    const latency = screen.getByLabelText('Latency warning threshold (ms)');
    await user.clear(latency);
    await user.type(latency, 'fast');
    await user.click(screen.getByRole('button', { name: 'Save monitor' }));
    expect(latency.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('must be a number').className).toBe('field-error');
  });

  it('saves a valid new monitor into the whole config, with an id from its name', async () => {
    const s = await start({ monitors: [] });
    const user = userEvent.setup();
    renderWithApp(<MonitorEditPage id={null} />, s.api);
    await user.type(await screen.findByLabelText('Name'), 'Solver API (EU)');
    await user.type(screen.getByLabelText('URL'), 'http://127.0.0.1:9/health');
    await user.click(screen.getByRole('button', { name: 'Save monitor' }));
    await waitFor(() => expect(window.location.hash).toBe('#/settings'));
    expect(savedConfig(s).monitors).toEqual([
      expect.objectContaining({
        id: 'solver-api-eu',
        name: 'Solver API (EU)',
        type: 'http',
        url: 'http://127.0.0.1:9/health',
      }),
    ]);
  });

  it('never renders a stored API key, says one is stored, and keeps it when the field is left empty', async () => {
    const s = await start({
      monitors: [
        {
          id: 'bal',
          name: 'Balance',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: 'http://127.0.0.1:9',
          apiKey: SECRET_KEY,
        },
      ],
    });
    const user = userEvent.setup();
    const { container } = renderWithApp(<MonitorEditPage id="bal" />, s.api);

    const key = await screen.findByLabelText('API key');
    expect(key.getAttribute('type')).toBe('password');
    expect((key as HTMLInputElement).value).toBe('');
    expect(screen.getByText('A key is stored — leave empty to keep it.')).toBeTruthy();
    expect(container.innerHTML).not.toContain(SECRET_KEY);

    const warn = screen.getByLabelText('Warning below');
    await user.clear(warn);
    await user.type(warn, '20');
    await user.click(screen.getByRole('button', { name: 'Save monitor' }));
    await waitFor(() => expect(savedConfig(s).monitors[0].warnBelow).toBe(20));
    expect(savedConfig(s).monitors[0].apiKey).toBe(SECRET_KEY);
  });

  it('tests the form as typed without saving it, and shows the sample readably', async () => {
    const s = await start({ monitors: [] });
    const user = userEvent.setup();
    renderWithApp(<MonitorEditPage id={null} />, s.api);
    await user.type(await screen.findByLabelText('Name'), 'Nothing there');
    await user.type(screen.getByLabelText('URL'), 'http://127.0.0.1:9/');
    await user.click(screen.getByRole('button', { name: 'Test now' }));

    const result = await screen.findByRole('status', { name: 'Test result' }, { timeout: 15_000 });
    expect(result.textContent).toContain('Critical');
    expect(result.textContent).toMatch(/refused/);
    expect(result.textContent).toContain('Nothing was saved');
    expect((await s.api.getConfig({})).monitors).toEqual([]);
  });

  it('puts a duplicate id found by the whole-config check on the ID field', async () => {
    const s = await start({ monitors: [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/' }] });
    const user = userEvent.setup();
    renderWithApp(<MonitorEditPage id={null} />, s.api);
    await user.type(await screen.findByLabelText('Name'), 'Other');
    const id = screen.getByLabelText('ID');
    await user.clear(id);
    await user.type(id, 'api');
    await user.type(screen.getByLabelText('URL'), 'http://127.0.0.1:9/x');
    await user.click(screen.getByRole('button', { name: 'Save monitor' }));
    expect(id.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('duplicates monitors[0].id "api"')).toBeTruthy();
    expect(savedConfig(s).monitors).toHaveLength(1);
  });

  it('keeps changes another client saved while the form was open', async () => {
    const s = await start({
      monitors: [{ id: 'api', name: 'API', type: 'http', url: 'http://127.0.0.1:9/' }],
    });
    const user = userEvent.setup();
    renderWithApp(<MonitorEditPage id="api" />, s.api);
    const name = await screen.findByLabelText('Name');

    const other = await s.api.getConfig({});
    await s.api.saveConfig({
      config: {
        ...other,
        monitors: [...(other.monitors ?? []), { id: 'beat', type: 'heartbeat', periodSeconds: 60 }],
      },
    });
    await user.clear(name);
    await user.type(name, 'Solver API');
    await user.click(screen.getByRole('button', { name: 'Save monitor' }));

    await waitFor(() => expect(window.location.hash).toBe('#/settings'));
    expect(savedConfig(s).monitors).toEqual([
      expect.objectContaining({ id: 'api', name: 'Solver API' }),
      expect.objectContaining({ id: 'beat', type: 'heartbeat' }),
    ]);
  });

  it('lists the issues a save was refused for when they are about another part of the config', async () => {
    const s = await start({ monitors: [] });
    // Another client left the config with an out-of-range setting the form does not show.
    const api = {
      ...s.api,
      saveMonitor: async ({ monitor }: { id: string; monitor: unknown }) => {
        const c = await s.api.getConfig({});
        return s.api.saveConfig({
          config: {
            ...c,
            monitors: [...(c.monitors ?? []), monitor as NonNullable<ConfigInput['monitors']>[number]],
            notifications: { ...c.notifications, groupWindowSeconds: 999 },
          },
        });
      },
    };
    const user = userEvent.setup();
    renderWithApp(<MonitorEditPage id={null} />, api);
    await user.type(await screen.findByLabelText('Name'), 'API');
    await user.type(screen.getByLabelText('URL'), 'http://127.0.0.1:9/');
    await user.click(screen.getByRole('button', { name: 'Save monitor' }));

    const panel = await screen.findByText('Not saved: the config has other problems');
    const items = within(panel.parentElement as HTMLElement).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^notifications\.groupWindowSeconds must be ≤ 60$/),
    ]);
    expect(savedConfig(s).monitors).toEqual([]);
    expect(window.location.hash).toBe('');
  });
});
