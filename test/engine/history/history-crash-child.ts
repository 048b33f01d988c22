/**
 * A Solvewatch-like process for sample-journal.test.ts, run with `node --experimental-strip-types`:
 *   history-crash-child.ts <db file> <first time> <checks>
 * adds `checks` checks of monitors a and b a second apart from `first time`, flushes them, prints
 * "flushed" and runs until killed.
 */
import { openHistory } from '../../../src-main/engine/history/history.ts';

const [file = '', first = '0', checks = '0'] = process.argv.slice(2);
const history = openHistory(file, { flushIntervalMs: 3_600_000 });
for (let i = 0; i < Number(checks); i++) {
  for (const monitorId of ['a', 'b']) {
    history.add({
      monitorId,
      time: Number(first) + i * 1000,
      status: i % 4 === 0 ? 'down' : 'up',
      latencyMs: 100 + (i % 50),
      httpStatus: 200,
      value: i,
      error: null,
    });
  }
}
history.flush();
process.stdout.write('flushed\n');
setInterval(() => {}, 60_000);
