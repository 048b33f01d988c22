/**
 * Runs at most `limit` tasks at a time, the rest in arrival order: cards asking for their histories
 * together must not open hundreds of requests at once (Chromium answers ERR_INSUFFICIENT_RESOURCES).
 */
export function requestQueue(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    if (running >= limit) return;
    const start = waiting.shift();
    if (start) start();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          });
      });
      next();
    });
}
