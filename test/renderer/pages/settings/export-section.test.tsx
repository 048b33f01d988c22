// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../../src-main/api/config-schema.ts';
import type { HostInfo } from '../../../../src-main/api/contract.ts';
import { ExportSection } from '../../../../src-renderer/pages/settings/export-section.tsx';
import { fakeApi } from '../../fake-api.ts';
import { renderWithApp } from '../../render-with-app.tsx';

const KEY = 'captchaai-key-0123456789abcdef';
const HOOK = 'https://discord.com/api/webhooks/123456789012345678/secret-token';

const masked: ConfigInput = {
  monitors: [{ id: 'solver', type: 'balance', provider: 'captchaai', apiKey: { stored: true } }],
  notifications: { discord: { webhookUrl: { stored: true } } },
};
const withValues: ConfigInput = {
  monitors: [{ id: 'solver', type: 'balance', provider: 'captchaai', apiKey: KEY }],
  notifications: { discord: { webhookUrl: HOOK } },
};

const host = (kind: HostInfo['kind']): HostInfo => ({
  kind,
  startAtLogin: kind === 'desktop' ? false : null,
  notifications: { supported: kind === 'desktop' },
  secrets: { storage: kind === 'desktop' ? 'encrypted' : 'config-file', backend: null },
  ...(kind === 'desktop' && { secretExport: true as const }),
  notices: [],
  paths: { settings: '/tmp/settings.json', data: '/tmp' },
});

/** The files the page handed to the browser to download (through `URL.createObjectURL`). */
let downloads: Blob[] = [];
const realCreateObjectURL = URL.createObjectURL;
beforeEach(() => {
  downloads = [];
  URL.createObjectURL = (blob: Blob) => {
    downloads.push(blob);
    return 'blob:test';
  };
});
afterEach(() => {
  URL.createObjectURL = realCreateObjectURL;
  cleanup();
});

function renderSection(kind: HostInfo['kind']) {
  const asked: unknown[] = [];
  const api = fakeApi({
    exportConfigWithSecrets: async (input) => {
      asked.push(input);
      return withValues;
    },
  });
  renderWithApp(<ExportSection config={masked} host={host(kind)} />, api);
  return { asked, user: userEvent.setup() };
}

describe('exporting with secret values (desktop app)', () => {
  it('asks first, and a cancelled confirmation exports nothing and asks for no secret', async () => {
    const { asked, user } = renderSection('desktop');
    await user.click(screen.getByLabelText('Include secret values'));
    await user.click(screen.getByRole('button', { name: 'Export config' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Export your secrets in plain text?' });
    expect(dialog.textContent).toMatch(
      /API keys, tokens, signing secrets and Discord and webhook URLs in plain\s+text/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Export config' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(asked).toEqual([]);
    expect(downloads).toEqual([]);
  });

  it('writes the secret values once confirmed', async () => {
    const { asked, user } = renderSection('desktop');
    await user.click(screen.getByLabelText('Include secret values'));
    await user.click(screen.getByRole('button', { name: 'Export config' }));
    await user.click(screen.getByRole('button', { name: 'Export with secret values' }));

    expect(asked).toEqual([{ confirmed: true }]);
    expect(downloads).toHaveLength(1);
    const file = JSON.parse(await (downloads[0] as Blob).text()) as ConfigInput;
    expect(file.monitors?.[0]).toMatchObject({ apiKey: KEY });
    expect(file.notifications?.discord?.webhookUrl).toBe(HOOK);
  });

  it('exports without asking, and without values, when the box is not ticked', async () => {
    const { asked, user } = renderSection('desktop');
    await user.click(screen.getByRole('button', { name: 'Export config' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(asked).toEqual([]);
    const text = await (downloads[0] as Blob).text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text).monitors[0].apiKey).toEqual({ stored: true });
  });
});

describe('exporting from the headless server', () => {
  it('does not offer secret values', async () => {
    const { asked, user } = renderSection('headless');
    expect(screen.queryByLabelText('Include secret values')).toBeNull();
    expect(screen.getByText(/Secret values never leave this server/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export config' }));
    expect(asked).toEqual([]);
    expect(await (downloads[0] as Blob).text()).not.toContain(KEY);
  });
});
