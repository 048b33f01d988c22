import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { formatRelative, formatTime } from '../../src-main/api/number-format.ts';
import { useAction } from '../state/use-load.ts';
import { Icon } from './icons.tsx';
import { InlineError } from './panels.tsx';

const CHOICES: { label: string; minutes: number | null }[] = [
  { label: '15 min', minutes: 15 },
  { label: '1 h', minutes: 60 },
  { label: '4 h', minutes: 240 },
  { label: 'Until resumed', minutes: null },
];

/** ArrowDown / ArrowUp move between the choices, wrapping around, as in a menu. */
function moveFocus(event: KeyboardEvent<HTMLButtonElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const menu = event.currentTarget.parentElement;
  const choices = [...(menu?.querySelectorAll<HTMLButtonElement>('.snooze-choice') ?? [])];
  const at = choices.indexOf(event.currentTarget);
  const step = event.key === 'ArrowDown' ? 1 : -1;
  choices[(at + step + choices.length) % choices.length]?.focus();
}

export interface SnoozeControlProps {
  /** Absent: not snoozed; null: snoozed until resumed; a time: snoozed until then. */
  snoozedUntil: number | null | undefined;
  now: number;
  label?: string;
  onSnooze: (minutes: number | null) => Promise<unknown>;
  onResume: () => Promise<unknown>;
}

/** "Snooze alerts" with its durations, and "Resume" while snoozed. */
export function SnoozeControl({
  snoozedUntil,
  now,
  label = 'Snooze alerts',
  onSnooze,
  onResume,
}: SnoozeControlProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const snooze = useAction(onSnooze);
  const resume = useAction(onResume);
  const snoozed = snoozedUntil !== undefined && (snoozedUntil === null || snoozedUntil > now);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        setOpen(false);
        trigger.current?.focus();
      } else if (!root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    const leave = (event: FocusEvent) => {
      if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
    };
    const element = root.current;
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    element?.addEventListener('focusout', leave);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
      element?.removeEventListener('focusout', leave);
    };
  }, [open]);

  return (
    <div className="snooze" ref={root}>
      {snoozed ? (
        <>
          <span className="snooze-status">
            <Icon name="bell-off" />
            {snoozedUntil === null
              ? 'Snoozed until resumed'
              : `Snoozed until ${formatTime(snoozedUntil)} (${formatRelative(snoozedUntil, now)})`}
          </span>
          <button type="button" className="button" disabled={resume.busy} onClick={() => void resume.run()}>
            <Icon name="bell" />
            Resume
          </button>
        </>
      ) : null}
      <button
        type="button"
        className="button"
        ref={trigger}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown') return;
          e.preventDefault();
          setOpen(true);
          // The menu renders on this open: focus its first choice once it is there.
          requestAnimationFrame(() =>
            root.current?.querySelector<HTMLButtonElement>('.snooze-choice')?.focus(),
          );
        }}
      >
        <Icon name="bell-off" />
        {label}
      </button>
      {open ? (
        <div className="snooze-menu" id={menuId}>
          {CHOICES.map((c) => (
            <button
              key={c.label}
              type="button"
              className="snooze-choice"
              disabled={snooze.busy}
              onKeyDown={moveFocus}
              onClick={() => {
                // Closed before the request so focus never sits on a choice that is about to vanish.
                setOpen(false);
                trigger.current?.focus();
                void snooze.run(c.minutes);
              }}
            >
              {c.label}
            </button>
          ))}
        </div>
      ) : null}
      <InlineError error={snooze.error ?? resume.error} />
    </div>
  );
}
