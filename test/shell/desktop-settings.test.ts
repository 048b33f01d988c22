import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Config, type ConfigInput, ConfigSchema } from '../../src-main/api/config-schema.ts';
import { ApiError } from '../../src-main/api/contract.ts';
import { DesktopSettings } from '../../src-main/shell/desktop-settings.ts';
import type { ElectronModules } from '../../src-main/shell/electron-modules.ts';
import { detectSecretStorage } from '../../src-main/shell/secret-storage.ts';
import { electronDouble } from '../support/electron-double.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const safeStorage = electronDouble.safeStorage as unknown as ElectronModules['safeStorage'];

const API_KEY = 'sk-live-0123456789abcdef';
const DISCORD = 'https://discord.com/api/webhooks/123456789/hook-token-abcdef';
const WEBHOOK_SECRET = 'hmac-signing-secret-xyz';
const HEADER = 'Bearer header-token-98765';
const BEAT_TOKEN = 'beat-token-55555';

const withSecrets: ConfigInput = {
  monitors: [
    { id: 'bal', name: 'Balance', type: 'balance', provider: 'captchaai', apiKey: API_KEY },
    {
      id: 'api',
      name: 'API',
      type: 'http',
      url: 'https://api.example.com/health',
      headers: { authorization: HEADER, accept: 'application/json' },
    },
    { id: 'beat', name: 'Beat', type: 'heartbeat', periodSeconds: 60, token: BEAT_TOKEN },
  ],
  notifications: {
    discord: { webhookUrl: DISCORD },
    webhook: { url: { env: 'HOOK_URL' }, secret: WEBHOOK_SECRET },
  },
};
const SECRETS = [API_KEY, DISCORD, 'hook-token-abcdef', WEBHOOK_SECRET, 'header-token-98765', BEAT_TOKEN];

/** The store persists what the engine validated: a config as `takeInConfig` hands it over. */
const valid = (input: ConfigInput): Config => ConfigSchema.parse(input);

async function open(dir: string, now = () => Date.UTC(2025, 5, 1, 12)) {
  electronDouble.app.setPath('userData', dir);
  return DesktopSettings.open({ dir, secrets: await detectSecretStorage(safeStorage, 'linux'), now });
}

const config = (s: DesktopSettings) => {
  const loaded = s.load();
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.config;
};

beforeEach(() => electronDouble.reset());

describe('desktop settings', () => {
  it('starts with the default config when there is no file, and writes nothing', async () => {
    const dir = tempDir();
    const settings = await open(dir);
    expect(config(settings).monitors).toEqual([]);
    expect(settings.notices()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps every secret encrypted in the file and gives the engine plain values after a restart', async () => {
    const dir = tempDir();
    await (await open(dir)).save(valid(withSecrets));
    const text = readFileSync(join(dir, 'settings.json'), 'utf8');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const stored = JSON.parse(text);
    expect(stored.schemaVersion).toBe(1);
    expect(stored.config.monitors[0].apiKey).toEqual({ encrypted: expect.any(String) });
    expect(stored.config.notifications.webhook.url).toEqual({ env: 'HOOK_URL' });

    const reopened = config(await open(dir));
    const [bal, api, beat] = reopened.monitors;
    expect(bal?.type === 'balance' && bal.apiKey).toBe(API_KEY);
    expect(api?.type === 'http' && api.headers).toEqual({
      authorization: HEADER,
      accept: 'application/json',
    });
    expect(beat?.type === 'heartbeat' && beat.token).toBe(BEAT_TOKEN);
    expect(reopened.notifications.discord?.webhookUrl).toBe(DISCORD);
    expect(reopened.notifications.webhook?.secret).toBe(WEBHOOK_SECRET);
  });

  it('migrates a version 0 file (a bare config) to the current version, sealing its secrets', async () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ monitors: [withSecrets.monitors?.[0]] }));
    const settings = await open(dir);
    const [bal] = config(settings).monitors;
    expect(bal?.type === 'balance' && bal.apiKey).toBe(API_KEY);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored).toMatchObject({
      schemaVersion: 1,
      preferences: {},
      config: { monitors: [{ id: 'bal' }] },
    });
    expect(JSON.stringify(stored)).not.toContain(API_KEY);
    expect(settings.notices()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"monitors": [', 'it is not valid JSON'],
    [
      'an invalid config',
      JSON.stringify({ schemaVersion: 1, config: { monitors: [{ id: 'x' }] } }),
      'invalid settings',
    ],
    [
      'from a newer version',
      JSON.stringify({ schemaVersion: 99, config: {} }),
      'written by a newer Solvewatch',
    ],
  ])('backs up a file that is %s, starts with defaults and tells the user', async (_, content, reason) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), content);
    const settings = await open(dir, () => Date.UTC(2025, 5, 1, 12, 30, 15));
    expect(config(settings).monitors).toEqual([]);
    const backup = 'settings.corrupt-2025-06-01T12-30-15-000Z.json';
    expect(readdirSync(dir)).toContain(backup);
    expect(readFileSync(join(dir, backup), 'utf8')).toBe(content);
    const [notice] = settings.notices();
    expect(notice).toMatchObject({ id: 'settings-recovered', level: 'error' });
    expect(notice?.message).toContain(reason);
    expect(notice?.message).toContain(backup);
    await settings.save(valid({ monitors: [] }));
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('does not quote the broken file (and its secrets) in the notice', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), `{"apiKey": "${API_KEY}" oops`);
    const settings = await open(dir);
    expect(JSON.stringify(settings.notices())).not.toContain(API_KEY);
  });

  it.each([
    ['no encryption at all', false, 'gnome_libsecret'],
    ["Linux's basic_text keyring", true, 'basic_text'],
  ] as const)(
    'with %s, refuses to save a secret (naming the field) until plain text is allowed',
    async (_, available, backend) => {
      electronDouble.safeStorage.available = available;
      electronDouble.safeStorage.backend = backend;
      const dir = tempDir();
      const settings = await open(dir);
      const input: ConfigInput = {
        monitors: [withSecrets.monitors?.[0] as NonNullable<ConfigInput['monitors']>[0]],
      };
      const error = await settings.save(valid(input)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 409, issues: [{ path: 'monitors[0].apiKey' }] });
      expect((error as Error).message).toContain('monitors[0].apiKey');
      expect((error as Error).message).not.toContain(API_KEY);
      expect(readdirSync(dir)).toEqual([]);

      // Secrets from the environment need no storage.
      await settings.save(valid({ monitors: [{ ...input.monitors?.[0], apiKey: { env: 'KEY' } } as never] }));

      settings.setPreferences({ allowPlainTextSecrets: true });
      await settings.save(valid(input));
      const reopened = await open(dir);
      expect(reopened.allowPlainTextSecrets).toBe(true);
      const [bal] = config(reopened).monitors;
      expect(bal?.type === 'balance' && bal.apiKey).toBe(API_KEY);
    },
  );

  it.each([
    ['on a first run', null],
    ['after a broken file was set aside', '{broken'],
  ])('keeps a preference saved %s, in a versioned file that opens without a notice', async (_, content) => {
    const dir = tempDir();
    if (content !== null) writeFileSync(join(dir, 'settings.json'), content);
    const settings = await open(dir);
    await settings.setPreferences({ allowPlainTextSecrets: true, dismissedNotices: ['settings-recovered'] });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
      config: {},
    });
    const reopened = await open(dir);
    expect(reopened.allowPlainTextSecrets).toBe(true);
    expect(reopened.dismissedNotices).toEqual(['settings-recovered']);
    expect(reopened.notices()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toHaveLength(content === null ? 0 : 1);
  });

  it('persists the config the engine validated as it is, without validating it a second time', async () => {
    const settings = await open(tempDir());
    const given = valid(withSecrets);
    await settings.save(given);
    const loaded = settings.load();
    // The very object it was given: a second parse would hand back a copy.
    expect(loaded.ok && loaded.config).toBe(given);
  });

  it('keeps the saved config when a preference changes', async () => {
    const dir = tempDir();
    const settings = await open(dir);
    await settings.save(valid(withSecrets));
    await settings.setPreferences({ dismissedNotices: ['secrets-unavailable'] });
    const [bal] = config(await open(dir)).monitors;
    expect(bal?.type === 'balance' && bal.apiKey).toBe(API_KEY);
  });

  it('encrypts the secrets again once the keychain has rotated its key', async () => {
    const dir = tempDir();
    await (await open(dir)).save(valid(withSecrets));
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    electronDouble.safeStorage.rotateKey();
    const encrypted = electronDouble.safeStorage.encryptCalls;
    const [bal] = config(await open(dir)).monitors;
    expect(bal?.type === 'balance' && bal.apiKey).toBe(API_KEY);
    expect(electronDouble.safeStorage.encryptCalls).toBeGreaterThan(encrypted);
    const after = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(after).not.toBe(before);
    for (const secret of SECRETS) expect(after).not.toContain(secret);

    const resealed = electronDouble.safeStorage.encryptCalls;
    await open(dir);
    expect(electronDouble.safeStorage.encryptCalls).toBe(resealed);
  });

  it('keeps monitors whose secret the keychain can no longer decrypt, and asks for the secret again', async () => {
    const dir = tempDir();
    await (await open(dir)).save(valid(withSecrets));
    const file = join(dir, 'settings.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.config.monitors[0].apiKey = { encrypted: Buffer.from('garbage').toString('base64') };
    stored.config.monitors[2].token = { encrypted: Buffer.from('garbage').toString('base64') };
    writeFileSync(file, JSON.stringify(stored));
    const settings = await open(dir);
    const [bal, , beat] = config(settings).monitors;
    expect(bal?.type === 'balance' && bal.apiKey).toEqual({ stored: true });
    expect(beat?.type === 'heartbeat' && beat.token).toBe('<stored>');
    expect(settings.notices()).toEqual([
      expect.objectContaining({
        id: 'secrets-undecryptable',
        message: expect.stringContaining('monitors[0].apiKey'),
      }),
    ]);
  });
});
