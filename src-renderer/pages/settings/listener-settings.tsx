import { useState } from 'react';
import type { ListenerInfo } from '../../../src-main/api/contract.ts';
import { CheckboxField, Field } from '../../components/field.tsx';
import { Banner } from '../../components/panels.tsx';

/** Settings → General in the desktop app: the port heartbeats and pipeline events come in on. */
export function ListenerSettings({
  listener,
  busy,
  change,
}: {
  listener: ListenerInfo;
  busy: boolean;
  change: (preferences: { listenerPort?: number; listenerLan?: boolean }) => void;
}) {
  const [port, setPort] = useState(String(listener.port));
  const valid = /^\d+$/.test(port) && Number(port) >= 1024 && Number(port) <= 65_535;
  return (
    <div className="form-stack">
      <h3>Heartbeats and pipeline events</h3>
      <p className="muted">
        {listener.url
          ? `Listening on ${listener.url} for /push/… and /events/… (nothing else is served).`
          : 'Not listening: it starts when a heartbeat or pipeline monitor exists.'}
      </p>
      <Field
        id="general-listener-port"
        label="Port"
        hint="1024–65535; 7420 by default."
        error={valid ? undefined : 'must be a whole number from 1024 to 65535'}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            inputMode="numeric"
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        )}
      </Field>
      <button
        type="button"
        className="button button-small"
        disabled={busy || !valid || Number(port) === listener.port}
        onClick={() => change({ listenerPort: Number(port) })}
      >
        Use this port
      </button>
      <CheckboxField
        id="general-listener-lan"
        label="Accept from the local network"
        checked={listener.lan}
        onChange={(listenerLan) => change({ listenerLan })}
        hint="Off: only this computer can send. On: any device on your network can reach /push and /events."
      />
      {listener.lan ? (
        <Banner level="warning">
          Anyone on your network can post heartbeats and events. Give heartbeat monitors a token and pipeline
          monitors a signing secret.
        </Banner>
      ) : null}
      {listener.error ? <Banner level="error">{listener.error}</Banner> : null}
    </div>
  );
}
