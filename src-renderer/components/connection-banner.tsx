import { formatTime } from '../../src-main/api/number-format.ts';
import type { Connection } from '../state/live-store.ts';
import { Banner } from './panels.tsx';

/** Shown on every page while the event stream is down: what is on screen may be stale. */
export function ConnectionBanner({ connection }: { connection: Connection }) {
  if (connection.status !== 'lost') return null;
  return (
    <div className="banners">
      <Banner level="error">
        <strong>Lost contact with Solvewatch since {formatTime(connection.since)}</strong> — retrying… States
        on this page may be out of date until it is back.
      </Banner>
    </div>
  );
}
