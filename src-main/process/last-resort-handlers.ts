import { inspect } from 'node:util';
import { redactText } from '../engine/redact.ts';

export interface LastResortOptions {
  log: (line: string) => void;
  /** The config's secret values, masked in what is logged. */
  secrets: () => readonly string[];
  /** Ends the process cleanly (history flushed); called once, when errors keep coming. */
  exit: () => void;
  now?: () => number;
}

const STORM_ERRORS = 10;
const STORM_WINDOW_MS = 60_000;

/**
 * Handlers for errors nothing else caught: an exception thrown by a timer or an event callback, a
 * rejected promise nobody awaited. Each ends only the task it came from (the engine applies every step
 * whole, so no half-made state outlives it): we log it, secrets masked, and keep monitoring.
 * The one case that exits is a storm, 10 such errors within a minute: something is broken for good,
 * and a clean stop (a supervisor restarts us) beats logging the same failure forever.
 * Returns a function that removes the handlers.
 */
export function installLastResortHandlers(options: LastResortOptions): () => void {
  const now = options.now ?? Date.now;
  const recent: number[] = [];
  let exiting = false;
  const handler = (kind: string) => (err: unknown) => {
    const at = now();
    recent.push(at);
    while ((recent[0] ?? at) <= at - STORM_WINDOW_MS) recent.shift();
    const storm = recent.length >= STORM_ERRORS;
    const outcome = storm ? `${STORM_ERRORS} errors within a minute, stopping` : 'kept running';
    try {
      options.log(redactText(`${kind} (${outcome}): ${inspect(err, { depth: 2 })}`, secretsOf(options)));
    } catch {
      // Logging is what failed (a closed stderr): nothing left to tell.
    }
    if (storm && !exiting) {
      exiting = true;
      options.exit();
    }
  };
  const onException = handler('uncaught exception');
  const onRejection = handler('unhandled promise rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

function secretsOf(options: LastResortOptions): readonly string[] {
  try {
    return options.secrets();
  } catch {
    return [];
  }
}
