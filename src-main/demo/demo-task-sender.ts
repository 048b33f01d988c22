import { signBody } from '../engine/pipeline/event-auth.ts';
import type { EventRequest, IntakeResult } from '../engine/pipeline/pipeline-intake.ts';
import { type DemoTaskEvent, demoTaskPosts } from './demo-task-events.ts';

export interface DemoTaskSenderOptions {
  monitorId: string;
  cycleSeconds: number;
  signingSecret: string;
  taskPrefix: string;
  ingest: (monitorId: string, request: EventRequest) => IntakeResult;
  log: (line: string) => void;
}

/** After a stall (a laptop asleep) only the last moments are sent, not a burst of the whole gap. */
const MAX_CATCH_UP_MS = 2000;
/** The forged event claims to come from outside: an RFC 5737 documentation address, reachable by nobody. */
const FORGER_ADDRESS = '203.0.113.66';
const WRONG_SECRET = 'a-guess-at-the-signing-secret';

/**
 * Posts what `demoTaskPosts` schedules up to the moment it is called: one signed batch, and each
 * forged event alone with a wrong signature, through the intake `POST /events/:id` uses.
 */
export function demoTaskSender(o: DemoTaskSenderOptions): (elapsedMs: number) => void {
  let sentUntil = 0;
  const post = (events: DemoTaskEvent[], secret: string, from: string): IntakeResult => {
    const rawBody = Buffer.from(JSON.stringify(events.length === 1 ? events[0] : events));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-webhook-signature': signBody(rawBody, secret),
    };
    return o.ingest(o.monitorId, {
      rawBody,
      header: (name) => headers[name.toLowerCase()],
      queryToken: null,
      remoteAddress: from,
    });
  };
  return (elapsedMs) => {
    const from = Math.max(sentUntil, elapsedMs - MAX_CATCH_UP_MS);
    const { signed, forged } = demoTaskPosts(from, elapsedMs, o.cycleSeconds, o.taskPrefix);
    const requests = [
      ...(signed.length > 0 ? [() => post(signed, o.signingSecret, '127.0.0.1')] : []),
      ...forged.map((e) => () => post([e], WRONG_SECRET, FORGER_ADDRESS)),
    ];
    try {
      // Not found: the monitor is not saved yet, so the same events go again on the next call.
      for (const send of requests) if (send().status === 404) return;
    } catch (err) {
      o.log(`demo task events failed: ${(err as Error).message}`);
    }
    sentUntil = elapsedMs;
  };
}
