import type { MonitorState } from '../../src-main/api/monitor-state.ts';

export type DisplayState = MonitorState | 'disabled';

const paths: Record<DisplayState, string> = {
  ok: 'M4 8.5l2.5 2.5L12 5.5',
  warning: 'M8 2.5L14 13H2z M8 6.5v3 M8 11.2v.3',
  critical: 'M5.5 2h5L14 5.5v5L10.5 14h-5L2 10.5v-5z M6 6l4 4 M10 6l-4 4',
  unknown: 'M6 6a2 2 0 1 1 2.8 1.8C8.3 8 8 8.5 8 9v.5 M8 11.5v.3',
  disabled: 'M6 4.5v7 M10 4.5v7',
};

/** The shape that goes with each state, so colour is never the only signal. */
export function StateIcon({ state }: { state: DisplayState }) {
  return (
    <svg
      className="state-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {state === 'ok' || state === 'unknown' || state === 'disabled' ? (
        <circle cx="8" cy="8" r="7" className="state-icon-ring" />
      ) : null}
      <path d={paths[state]} />
    </svg>
  );
}

export function Icon({
  name,
}: {
  name: 'refresh' | 'bell-off' | 'bell' | 'plus' | 'download' | 'upload' | 'play' | 'stop' | 'back';
}) {
  const d = {
    refresh: 'M13 3v3.5H9.5 M13 6.5A5 5 0 1 0 13.5 10',
    'bell-off': 'M4 11V7a4 4 0 0 1 6.5-3.1 M12 7v4l1 1.5H5 M6.5 14h3 M2.5 2.5l11 11',
    bell: 'M4 11V7a4 4 0 0 1 8 0v4l1 1.5H3z M6.5 14h3',
    plus: 'M8 3v10 M3 8h10',
    download: 'M8 2.5v8 M4.5 7l3.5 3.5L11.5 7 M3 13.5h10',
    upload: 'M8 10.5v-8 M4.5 6L8 2.5 11.5 6 M3 13.5h10',
    play: 'M5 3l8 5-8 5z',
    stop: 'M4 4h8v8H4z',
    back: 'M10 3L5 8l5 5',
  }[name];
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}
