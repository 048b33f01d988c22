import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('serve with a corrupt history file', () => {
  it('starts on a fresh database and tells the window which file it kept', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'history.sqlite'), 'this is not a database '.repeat(400));
    const logs: string[] = [];
    const { headless } = await serveOnLoopback(dataDir, { monitors: [] }, { log: (line) => logs.push(line) });
    cleanups.push(() => headless.stop());
    const kept = readdirSync(dataDir).find((f) => /^history\.corrupt-.+\.sqlite$/.test(f));
    expect(kept).toBeDefined();
    const { notices } = await headless.engine.getHost();
    expect(notices.find((n) => n.id === 'history-recovered')?.message).toContain(kept);
    expect(logs.join('\n')).toContain(kept);
    expect((await headless.engine.getState()).monitors).toEqual([]);
  });
});
