import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLogFile } from '../../src-main/shell/log-file.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();

describe('log file', () => {
  it('writes time-stamped lines with secrets and secret URL parts masked', () => {
    const dir = tempDir();
    const log = openLogFile(join(dir, 'logs', 'solvewatch.log'), {
      now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
      secrets: () => ['sk-live-123456'],
    });
    log.write('balance check failed for key sk-live-123456');
    log.write('GET https://api.example.com/res.php?key=abcdef&action=getbalance: 500');
    log.write('discord https://discord.com/api/webhooks/123/tok-en-secret failed');
    const text = readFileSync(log.path, 'utf8');
    expect(text.startsWith('2025-01-02T03:04:05.000Z balance check failed')).toBe(true);
    for (const secret of ['sk-live-123456', 'abcdef', 'tok-en-secret']) expect(text).not.toContain(secret);
    expect(text).toContain('action=getbalance');
  });

  it('rotates by size, keeping two old files', () => {
    const dir = tempDir();
    const log = openLogFile(join(dir, 'solvewatch.log'), { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i++) log.write(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['solvewatch.log', 'solvewatch.log.1', 'solvewatch.log.2']);
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file)).length).toBeLessThanOrEqual(200);
    }
    expect(readFileSync(join(dir, 'solvewatch.log'), 'utf8')).toContain('line 39');
  });
});
