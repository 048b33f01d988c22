import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API token: from SOLVEWATCH_TOKEN, else generated once into `<dataDir>/token` (mode 0600). */
export function loadOrCreateToken(dataDir: string, env: NodeJS.ProcessEnv): string {
  const fromEnv = env.SOLVEWATCH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'token');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return stored;
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

export function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
