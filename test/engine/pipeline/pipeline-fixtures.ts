import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { Config } from '../../../src-main/api/config-schema.ts';
import { parseConfig } from '../../../src-main/engine/config/parse-config.ts';
import { closeDatabase, openDatabase } from '../../../src-main/engine/history/open-database.ts';
import { HOUR, MINUTE } from '../../../src-main/engine/history/time-buckets.ts';
import { signBody } from '../../../src-main/engine/pipeline/event-auth.ts';
import { type EventRequest, PipelineIntake } from '../../../src-main/engine/pipeline/pipeline-intake.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

export const tempDir = temporaryDirs();
export const SECRET = 'whsec_rollup_secret';
export const START = Date.UTC(2026, 10, 1);
export const RETENTION = { rawDays: 7, minuteRollupDays: 30, hourRollupDays: 400 };
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A pipeline monitor `solver` (and an http one) taking events into a real history file under a manual clock. */
export function setup(file = join(tempDir(), 'history.sqlite'), start = START) {
  const parsed = parseConfig({
    monitors: [
      { id: 'solver', type: 'pipeline', signingSecret: SECRET },
      { id: 'api', type: 'http', url: 'http://127.0.0.1:9/' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const config: Config = parsed.config;
  const clock = new ManualClock(start);
  const { db } = openDatabase(file);
  let open = true;
  const close = () => {
    if (open) closeDatabase(db);
    open = false;
  };
  closers.push(close);
  const intake = new PipelineIntake({
    db,
    clock,
    config: () => config,
    resolveSecret: (s) => (typeof s === 'string' ? s : null),
  });
  const post = (body: unknown, secret = SECRET) => {
    const raw = Buffer.from(JSON.stringify(body));
    const signature = signBody(raw, secret);
    const request: EventRequest = {
      rawBody: raw,
      header: (name) => (name.toLowerCase() === 'x-webhook-signature' ? signature : undefined),
      queryToken: null,
      remoteAddress: '203.0.113.9',
    };
    return intake.receive('solver', request);
  };
  return { db, clock, intake, post, close, file };
}

/** Every 7 minutes for `hours`: results with codes and solve times, a retry, and now and then a forgery. */
export function feed(s: ReturnType<typeof setup>, hours: number): { completed: number; failed: number } {
  let completed = 0;
  let failed = 0;
  for (let i = 0; i * 7 * MINUTE < hours * HOUR; i++) {
    s.clock.jump(7 * MINUTE);
    const batch = [
      { event: 'task.completed', taskId: `ok-${i}`, solveMs: 5000 + (i % 40) * 1000 },
      { event: 'task.completed', taskId: `ok2-${i}`, solveMs: 12_000 },
      {
        event: 'task.failed',
        taskId: `f-${i}`,
        errorCode: i % 3 ? 'ERROR_CAPTCHA_UNSOLVABLE' : 'ERROR_TIMEOUT',
      },
      { event: 'task.completed', taskId: `ok-${i}` },
    ];
    expect(s.post(batch)).toMatchObject({ status: 202, body: { accepted: 3, duplicates: 1 } });
    if (i % 5 === 0)
      expect(s.post([{ event: 'task.completed', taskId: 'forged' }], 'wrong')).toMatchObject({ status: 401 });
    completed += 2;
    failed += 1;
  }
  return { completed, failed };
}
