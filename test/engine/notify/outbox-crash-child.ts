/**
 * A Solvewatch-like process for outbox-crash.test.ts, run with `node --experimental-strip-types`:
 *   outbox-crash-child.ts <db file> <webhook url> enqueue <retry ms>  queues one alert, sends, runs until killed
 *   outbox-crash-child.ts <db file> <webhook url> resume <retry ms>   only starts the outbox; exits once nothing is pending
 * Log lines go to stderr; `resume` prints the outbox's messages as JSON on stdout.
 */
import { systemClock } from '../../../src-main/engine/clock.ts';
import { closeDatabase, openDatabase } from '../../../src-main/engine/history/open-database.ts';
import { DiscordNotifier } from '../../../src-main/engine/notify/discord.ts';
import { Outbox } from '../../../src-main/engine/notify/outbox.ts';
import { notifierClock } from '../../../src-main/engine/notify/rate-limit.ts';
import { alerts, notice } from './fixtures.ts';

const [file = '', webhookUrl = '', mode = '', retryMs = '1000'] = process.argv.slice(2);
const { db } = openDatabase(file);
const notifier = new DiscordNotifier({ webhookUrl, clock: notifierClock(systemClock) });
const outbox = new Outbox({
  db,
  clock: systemClock,
  channels: new Map([['discord', { notifier, fingerprint: 'v1' }]]),
  retryScheduleMs: [Number(retryMs)],
  random: () => 0.5,
  isFiring: () => true,
  log: (line) => process.stderr.write(`${line}\n`),
});

if (mode === 'enqueue') {
  const id = outbox.enqueue('discord', alerts([notice({ monitorName: 'Crash test' })], 'crash-1'));
  process.stdout.write(`enqueued ${id}\n`);
  outbox.start();
  setInterval(() => {}, 60_000);
} else {
  outbox.start();
  while (outbox.messages({ state: 'pending' }).length > 0) await new Promise((r) => setTimeout(r, 20));
  await outbox.stop();
  process.stdout.write(JSON.stringify(outbox.messages()));
  await notifier.close();
  closeDatabase(db);
}
