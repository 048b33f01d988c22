import type { DatabaseSync } from 'node:sqlite';
import type { Config } from '../api/config-schema.ts';
import type { EngineEvent } from '../api/contract.ts';
import { Alerting } from './alerts/alerting.ts';
import type { Clock } from './clock.ts';
import { tryResolveSecret } from './config/secrets.ts';
import type { ConnectivityChange } from './connectivity/connectivity.ts';
import { EffectWriter } from './effects/effect-writer.ts';
import { Listeners } from './events/listeners.ts';
import { EngineStateStore } from './history/engine-state-store.ts';
import type { History } from './history/history.ts';
import { Housekeeping } from './housekeeping/housekeeping.ts';
import { HttpClient } from './http/http-client.ts';
import { inMaintenance } from './maintenance/maintenance-windows.ts';
import { CheckRunner } from './monitors/check-runner.ts';
import { restoredMemory } from './monitors/monitor-restore.ts';
import { Monitoring } from './monitors/monitoring.ts';
import { type ChannelEntry, Outbox } from './notify/outbox.ts';
import { channelRoutes } from './notify/routing.ts';
import { PipelineIntake } from './pipeline/pipeline-intake.ts';

export interface ServiceOptions {
  clock: Clock;
  history: History;
  database: DatabaseSync;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  random?: () => number;
  /** The running config, its resolved secrets and channels: owned by the facade, read by the services. */
  config: () => Config;
  secrets: () => readonly string[];
  channels: () => ReadonlyMap<string, ChannelEntry>;
  publishSnapshot: () => void;
}

export type Services = ReturnType<typeof wireServices>;

/** Builds the engine's services once, each with the ports it needs and nothing more. */
export function wireServices(o: ServiceOptions) {
  const { clock, history, log } = o;
  const events = new Listeners<EngineEvent>('event', log);
  const connectivity = new Listeners<ConnectivityChange>('connectivity', log);
  const http = new HttpClient({ userAgent: 'Solvewatch/0.1 (+https://github.com/solvewatch)' });
  const alerting = new Alerting({
    clock,
    config: o.config,
    recordedEvents: (id, from, to, limit) => history.alertEvents(id, from, to, limit),
    inMaintenance: (id, now) => inMaintenance(o.config().maintenance, id, now),
  });
  const outbox = new Outbox({
    db: o.database,
    clock,
    channels: o.channels(),
    random: o.random,
    log,
    isFiring: (monitorId) => alerting.isFiring(monitorId),
    onChange: o.publishSnapshot,
  });
  const writer = new EffectWriter({
    history,
    outbox,
    clock,
    events,
    log,
    groupWindowMs: () => o.config().notifications.groupWindowSeconds * 1000,
    channels: () => o.channels().keys(),
    routes: () => channelRoutes(o.config()),
  });
  const pipeline = new PipelineIntake({
    db: o.database,
    clock,
    config: o.config,
    resolveSecret: (secret) => tryResolveSecret(secret, o.env),
  });
  const runner = new CheckRunner({ http, clock, env: o.env, pipeline: (m) => pipeline.reading(m) });
  const housekeeping = new Housekeeping({
    clock,
    history,
    writer,
    config: o.config,
    log,
    pipelineDay: pipeline.day,
    pipelinePrune: (now, retention) => pipeline.prune(now, retention),
    maintenanceEnded: (ids) => {
      for (const id of ids ?? [undefined]) void monitoring.scheduler.checkNow(id);
    },
  });
  const monitoring = new Monitoring({
    clock,
    runner,
    alerting,
    writer,
    connectivityListeners: connectivity,
    events,
    config: o.config,
    secrets: o.secrets,
    restore: (m) => restoredMemory(m, history, clock.now()),
    random: o.random,
    log,
    publishSnapshot: o.publishSnapshot,
    onClockJump: () => housekeeping.rearm(),
  });
  const state = new EngineStateStore(o.database, log);
  return {
    events,
    connectivity,
    http,
    alerting,
    outbox,
    writer,
    runner,
    housekeeping,
    monitoring,
    state,
    pipeline,
  };
}
