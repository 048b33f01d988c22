// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../../../../src-main/fakes/discord-server.ts';
import { SettingsPage } from '../../../../src-renderer/pages/settings/settings-page.tsx';
import { temporaryDirs } from '../../../support/temp-dir.ts';
import { type RealServer, startRealServer } from '../../real-server.ts';
import { renderWithApp } from '../../render-with-app.tsx';

const tempDir = temporaryDirs();
const WEBHOOK = 'https://discord.com/api/webhooks/123456789/s3cr3t-t0ken-value';
let server: RealServer | null = null;
afterEach(async () => {
  cleanup();
  await server?.headless.stop();
  server = null;
});

describe('notification settings', () => {
  it('never renders a stored Discord webhook URL, and keeps it when saving other changes', async () => {
    server = await startRealServer(tempDir(), { notifications: { discord: { webhookUrl: WEBHOOK } } });
    const user = userEvent.setup();
    const { container } = renderWithApp(<SettingsPage section="notifications" />, server.api);

    const url = await screen.findByLabelText('Discord webhook URL');
    expect((url as HTMLInputElement).value).toBe('');
    expect(screen.getByText('A webhook URL is stored — leave empty to keep it.')).toBeTruthy();
    expect(container.innerHTML).not.toContain('s3cr3t');

    const mention = screen.getByLabelText('Mention on critical alerts');
    await user.type(mention, 'everyone');
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));
    expect(mention.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/must be a role or user mention/).className).toBe('field-error');

    await user.clear(mention);
    await user.type(mention, '<@&123456789012345678>');
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));
    const saved = () => JSON.parse(readFileSync(server?.configPath ?? '', 'utf8')).notifications.discord;
    await waitFor(() => expect(saved().mention).toBe('<@&123456789012345678>'));
    expect(saved().webhookUrl).toBe(WEBHOOK);
  });

  it('saves only its own section: a monitor edited meanwhile in another window stays as edited', async () => {
    server = await startRealServer(tempDir(), {
      monitors: [{ id: 'worker', type: 'heartbeat', periodSeconds: 60, name: 'Worker' }],
      notifications: { discord: { webhookUrl: WEBHOOK } },
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="notifications" />, server.api);
    const mention = await screen.findByLabelText('Mention on critical alerts');

    // Another window renames the monitor; this page still holds the config it loaded.
    await server.api.saveMonitor({
      id: 'worker',
      monitor: { type: 'heartbeat', periodSeconds: 60, name: 'Queue worker' },
    });
    await user.type(mention, '<@&123456789012345678>');
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));

    const saved = () => JSON.parse(readFileSync(server?.configPath ?? '', 'utf8'));
    await waitFor(() => expect(saved().notifications.discord.mention).toBe('<@&123456789012345678>'));
    expect(saved().monitors.map((m: { name: string }) => m.name)).toEqual(['Queue worker']);
    expect(saved().notifications.discord.webhookUrl).toBe(WEBHOOK);
  });
});

describe('removing stored notification secrets', () => {
  it('removes a stored Discord webhook, which drops the Discord block on save', async () => {
    server = await startRealServer(tempDir(), {
      notifications: { discord: { webhookUrl: WEBHOOK, mention: '<@&123456789012345678>' } },
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="notifications" />, server.api);

    await user.click(await screen.findByRole('button', { name: 'Remove stored webhook URL' }));
    expect(screen.getByText('The stored webhook URL will be removed when you save.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));

    const notifications = () => JSON.parse(readFileSync(server?.configPath ?? '', 'utf8')).notifications;
    await waitFor(() => expect(notifications().discord).toBeUndefined());
  });

  it('removes only the signing secret of a generic webhook, and can undo a removal before saving', async () => {
    server = await startRealServer(tempDir(), {
      notifications: { webhook: { url: 'https://hooks.example.com/x', secret: 'sign-me' } },
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="notifications" />, server.api);

    await user.click(await screen.findByRole('button', { name: 'Remove stored signing secret' }));
    await user.click(screen.getByRole('button', { name: 'Remove stored webhook URL' }));
    await user.click(screen.getByRole('button', { name: 'Keep stored webhook URL' }));
    await user.click(screen.getByRole('button', { name: 'Save notifications' }));

    const webhook = () => JSON.parse(readFileSync(server?.configPath ?? '', 'utf8')).notifications.webhook;
    await waitFor(() => expect(webhook().secret).toBeUndefined());
    expect(webhook().url).toBe('https://hooks.example.com/x');
  });
});

describe('desktop notifications on the headless server', () => {
  it('offers no desktop switch or test button where the host cannot notify', async () => {
    server = await startRealServer(tempDir(), {});
    renderWithApp(<SettingsPage section="notifications" />, server.api);
    expect(await screen.findByText(/Desktop notifications are not available here/)).toBeTruthy();
    expect(screen.queryByLabelText('Show desktop notifications')).toBeNull();
  });
});

describe('"Send test" on the typed settings', () => {
  it('says why it cannot send yet, and sends to a typed Discord URL before it is saved', async () => {
    const discord = await startFakeDiscord();
    try {
      server = await startRealServer(tempDir(), {});
      const user = userEvent.setup();
      renderWithApp(<SettingsPage section="notifications" />, server.api);
      const url = await screen.findByLabelText('Discord webhook URL');
      const discordSection = url.closest('section') as HTMLElement;
      const send = within(discordSection).getByRole('button', { name: 'Send test' });
      expect((send as HTMLButtonElement).disabled).toBe(true);
      expect(within(discordSection).getByText('Enter a webhook URL to send a test.')).toBeTruthy();

      await user.type(url, 'https://example.com/not-a-webhook');
      expect(
        within(discordSection).getByText(
          'Fix the webhook URL to send a test: it must be on discord.com (or discordapp.com).',
        ),
      ).toBeTruthy();

      await user.clear(url);
      await user.type(url, discord.webhookUrl());
      await user.click(send);
      expect(await within(discordSection).findByText('Delivered.')).toBeTruthy();
      expect(discord.received).toHaveLength(1);
      expect(JSON.parse(readFileSync(server.configPath, 'utf8')).notifications?.discord).toBeUndefined();
    } finally {
      await discord.close();
    }
  });
});

describe('which alerts go where', () => {
  it('saves a Discord channel for criticals of chosen monitors, keeps the webhook URL, and shows who hears what', async () => {
    server = await startRealServer(tempDir(), {
      notifications: { discord: { webhookUrl: WEBHOOK } },
      monitors: [
        { id: 'api', name: 'API', type: 'heartbeat', periodSeconds: 60 },
        { id: 'solver', name: 'Solver', type: 'heartbeat', periodSeconds: 60 },
      ],
    });
    const user = userEvent.setup();
    renderWithApp(<SettingsPage section="notifications" />, server.api);

    const discord = within(
      (await screen.findByRole('heading', { name: 'Discord' })).closest('section') as HTMLElement,
    );
    await user.selectOptions(discord.getByLabelText('Alerts from'), 'critical');
    await user.click(discord.getByLabelText('Solver'));

    const reach = within(
      screen.getByRole('heading', { name: 'Who hears each monitor' }).closest('section') as HTMLElement,
    );
    const row = (name: string) => reach.getByRole('row', { name: new RegExp(`^${name}`) }).textContent;
    expect(row('Solver')).toBe('SolvernobodyDiscord');
    expect(row('API')).toBe('APInobodynobody');

    await user.click(screen.getByRole('button', { name: 'Save notifications' }));
    const saved = () => JSON.parse(readFileSync(server?.configPath ?? '', 'utf8')).notifications.discord;
    await waitFor(() =>
      expect(saved()).toEqual({ webhookUrl: WEBHOOK, minSeverity: 'critical', monitors: ['solver'] }),
    );
  });
});
