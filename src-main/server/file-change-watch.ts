import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileChangeWatchOptions {
  /** Quiet time after the last change before `onChange` runs: an editor's save is several events. */
  debounceMs?: number;
  log: (line: string) => void;
}

/**
 * Calls `onChange` once changes to a file have settled. It watches the folder, not the file: editors
 * that save by writing a new file and renaming it over the old one leave a watch on the file behind.
 * Returns a function that stops watching.
 */
export function watchFileChanges(
  path: string,
  onChange: () => void,
  { debounceMs = 250, log }: FileChangeWatchOptions,
): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
      // Some platforms do not say which file changed.
      if (changed !== null && changed !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        onChange();
      }, debounceMs);
    });
  } catch (err) {
    log(`not watching ${path} for changes (${(err as Error).message}); send SIGHUP to reload it`);
    return () => {};
  }
  watcher.on('error', (err) => {
    log(`stopped watching ${path} for changes (${err.message}); send SIGHUP to reload it`);
    watcher.close();
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
