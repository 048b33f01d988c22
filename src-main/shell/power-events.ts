import type { Clock, TimerHandle } from '../engine/clock.ts';
import type { ElectronModules } from './electron-modules.ts';

export interface PowerEventsOptions {
  powerMonitor: ElectronModules['powerMonitor'];
  net: ElectronModules['net'];
  engine: { reportNetwork(online: boolean): void; checkNow(input: object): Promise<unknown> };
  clock: Clock;
  /** How often the OS's online state is read: Electron's main process has no online/offline event. */
  pollMs?: number;
  /** Wait after a resume before re-checking, so Wi-Fi has time to reconnect. */
  resumeDelayMs?: number;
  log?: (line: string) => void;
}

/**
 * Sleep/resume and the OS's online state reach the engine. The engine has no suspend API; its
 * scheduler notices the clock jump and restarts cleanly, and a check of everything after the resume
 * replaces stale states without waiting a full interval. Returns the stop function.
 */
export function watchPowerAndNetwork(options: PowerEventsOptions): () => void {
  const { powerMonitor, net, engine, clock } = options;
  let online = net.isOnline();
  if (!online) engine.reportNetwork(false);
  let poll: TimerHandle | null = null;
  let resumeTimer: TimerHandle | null = null;

  const readNetwork = () => {
    const now = net.isOnline();
    if (now !== online) {
      online = now;
      options.log?.(`network: the OS reports ${now ? 'online' : 'offline'}`);
      engine.reportNetwork(now);
    }
  };
  const schedulePoll = () => {
    poll = clock.setTimeout(() => {
      readNetwork();
      schedulePoll();
    }, options.pollMs ?? 15_000);
  };
  const onSuspend = () => options.log?.('power: suspending');
  const onResume = () => {
    options.log?.('power: resumed');
    readNetwork();
    if (resumeTimer) clock.clearTimeout(resumeTimer);
    resumeTimer = clock.setTimeout(() => {
      resumeTimer = null;
      readNetwork();
      engine.checkNow({}).catch((err: Error) => options.log?.(`check after resume failed: ${err.message}`));
    }, options.resumeDelayMs ?? 5_000);
  };

  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  schedulePoll();
  return () => {
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
    for (const t of [poll, resumeTimer]) if (t) clock.clearTimeout(t);
  };
}
