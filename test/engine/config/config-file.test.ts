import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigConflictError, ConfigFile } from '../../../src-main/engine/config/config-file.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const tempDir = temporaryDirs();
const heartbeat = (id: string, periodSeconds = 60) => ({ id, type: 'heartbeat' as const, periodSeconds });

function fileWith(monitors: unknown[]) {
  const path = join(tempDir(), 'config.json');
  writeFileSync(path, JSON.stringify({ monitors }));
  const file = new ConfigFile(path);
  expect(file.load().ok).toBe(true);
  return { path, file };
}

const ids = (result: ReturnType<ConfigFile['reload']>) =>
  typeof result === 'object' && result.ok ? result.config.monitors.map((m) => m.id) : result;

describe('ConfigFile reload', () => {
  it('finds nothing new in the file as loaded or as we saved it', () => {
    const { file } = fileWith([heartbeat('a')]);
    expect(file.reload()).toBe('unchanged');
    const saved = file.load();
    if (!saved.ok) throw new Error('fixture');
    file.save({ ...saved.config, monitors: [] });
    expect(file.reload()).toBe('unchanged');
  });

  it('returns a hand edit once', () => {
    const { path, file } = fileWith([heartbeat('a')]);
    writeFileSync(path, JSON.stringify({ monitors: [heartbeat('a'), heartbeat('b')] }));
    expect(ids(file.reload())).toEqual(['a', 'b']);
    expect(file.reload()).toBe('unchanged');
  });

  it('refuses an invalid edit with its problems, shows a notice until the file is good again', () => {
    const { path, file } = fileWith([heartbeat('a')]);
    writeFileSync(path, JSON.stringify({ monitors: [heartbeat('a', 0)] }));
    const refused = file.reload();
    expect(refused).toMatchObject({ ok: false, issues: [{ path: 'monitors[0].periodSeconds' }] });
    expect(file.refusedEdit).toBe(true);
    expect(file.notices()).toEqual([
      {
        id: 'config-file-refused',
        level: 'error',
        message: expect.stringMatching(
          /config\.json was changed but not loaded: monitors\[0\]\.periodSeconds: .+\. Solvewatch keeps running the last good config/,
        ),
      },
    ]);
    expect(file.reload()).toBe('unchanged');
    expect(file.refusedEdit).toBe(true);

    writeFileSync(path, JSON.stringify({ monitors: [heartbeat('c')] }));
    expect(ids(file.reload())).toEqual(['c']);
    expect(file.notices()).toEqual([]);
  });

  it('keeps the running config when the file disappears, and writes it again on save', () => {
    const { path, file } = fileWith([heartbeat('a')]);
    rmSync(path);
    expect(file.reload()).toBe('missing');
    expect(file.reload()).toBe('unchanged');
    file.save({ monitors: [heartbeat('a')] });
    expect(JSON.parse(readFileSync(path, 'utf8')).monitors).toHaveLength(1);
  });
});

describe('ConfigFile save', () => {
  it('refuses to overwrite an edit that was refused, naming its problem', () => {
    const { path, file } = fileWith([heartbeat('a')]);
    const edit = JSON.stringify({ monitors: [heartbeat('a', 0)] });
    writeFileSync(path, edit);
    file.reload();
    expect(() => file.save({ monitors: [] })).toThrow(ConfigConflictError);
    expect(() => file.save({ monitors: [] })).toThrow(
      /holds an edit that was not loaded \(monitors\[0\]\.periodSeconds: .+\); saving now would overwrite it/,
    );
    expect(readFileSync(path, 'utf8')).toBe(edit);
  });

  it('refuses to overwrite an edit that is not loaded yet', () => {
    const { path, file } = fileWith([heartbeat('a')]);
    writeFileSync(path, JSON.stringify({ monitors: [heartbeat('b')] }));
    expect(() => file.save({ monitors: [] })).toThrow(/was changed on disk and the change is not loaded yet/);
    expect(ids(file.reload())).toEqual(['b']);
    file.save({ monitors: [] });
    expect(JSON.parse(readFileSync(path, 'utf8')).monitors).toEqual([]);
  });
});
