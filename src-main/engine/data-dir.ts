import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data folder, where the desktop app (Electron's userData) also keeps its files. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SOLVEWATCH_DATA_DIR) return env.SOLVEWATCH_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Solvewatch');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Solvewatch');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'solvewatch');
}
