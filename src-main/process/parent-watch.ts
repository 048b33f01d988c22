import { isProcessAlive } from './process-alive.ts';

/**
 * Calls `onGone` once the process that started this one has ended, where that is an npm script
 * (npm sets `npm_lifecycle_event`): npm cannot pass on a SIGKILL, and a server left behind keeps the
 * port and the database. Started any other way (`nohup … &`, a service manager) we outlive the parent.
 * Returns a function that stops watching.
 */
export function watchParent(env: NodeJS.ProcessEnv, onGone: () => void, intervalMs = 1000): () => void {
  if (!env.npm_lifecycle_event) return () => {};
  const parent = process.ppid;
  const timer = setInterval(() => {
    // POSIX hands an orphan to init (its ppid changes); Windows keeps the old ppid, so ask whether it lives.
    if (process.ppid !== parent || !isProcessAlive(parent)) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
