// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SnoozeControl } from '../../../src-renderer/components/snooze-control.tsx';

afterEach(cleanup);

function setup() {
  const onSnooze = vi.fn(async (_minutes: number | null) => {});
  render(
    <>
      <SnoozeControl snoozedUntil={undefined} now={0} onSnooze={onSnooze} onResume={async () => {}} />
      <button type="button">Elsewhere</button>
    </>,
  );
  const trigger = screen.getByRole('button', { name: 'Snooze alerts' });
  return { onSnooze, trigger, user: userEvent.setup() };
}

/** Tabs to the trigger, opens the menu with Enter and tabs to the first duration. */
async function openWithKeyboard(user: ReturnType<typeof userEvent.setup>, trigger: HTMLElement) {
  await user.tab();
  expect(document.activeElement).toBe(trigger);
  await user.keyboard('{Enter}');
  expect(trigger.getAttribute('aria-expanded')).toBe('true');
  await user.tab();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: '15 min' }));
}

describe('the snooze menu, used from the keyboard', () => {
  it('snoozes for the picked duration, closes and puts focus back on "Snooze alerts"', async () => {
    const { onSnooze, trigger, user } = setup();
    await openWithKeyboard(user, trigger);
    await user.tab();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onSnooze).toHaveBeenCalledWith(60));
    expect(screen.queryByRole('button', { name: '15 min' })).toBeNull();
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(trigger);
  });

  it('closes on Escape without snoozing and puts focus back on "Snooze alerts"', async () => {
    const { onSnooze, trigger, user } = setup();
    await openWithKeyboard(user, trigger);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('button', { name: '15 min' })).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(onSnooze).not.toHaveBeenCalled();
  });

  it('closes when focus leaves the menu', async () => {
    const { onSnooze, trigger, user } = setup();
    await openWithKeyboard(user, trigger);
    await user.tab(); // 1 h
    await user.tab(); // 4 h
    await user.tab(); // Until resumed
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByRole('button', { name: 'Until resumed' })).toBeNull();
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(onSnooze).not.toHaveBeenCalled();
  });
});

describe('the snooze menu with arrow keys', () => {
  it('opens on ArrowDown with the first duration focused, and moves between durations, wrapping', async () => {
    const { trigger, user } = setup();
    await user.tab();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: '15 min' })));
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '1 h' }));
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Until resumed' }));
  });
});
