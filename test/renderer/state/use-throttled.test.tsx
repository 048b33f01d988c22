// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from '../../../src-renderer/state/use-throttled.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a throttled value', () => {
  it('holds changes within the spell after mounting, then shows the latest one', () => {
    const { result, rerender } = renderHook(({ v }) => useThrottled(v, 30_000), { initialProps: { v: 1 } });
    act(() => vi.advanceTimersByTime(5_000));
    rerender({ v: 2 });
    act(() => vi.advanceTimersByTime(5_000));
    rerender({ v: 3 });
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(19_999));
    expect(result.current).toBe(1);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(3);
  });

  it('shows a change at once after a quiet spell', () => {
    const { result, rerender } = renderHook(({ v }) => useThrottled(v, 30_000), { initialProps: { v: 1 } });
    act(() => vi.advanceTimersByTime(31_000));
    rerender({ v: 2 });
    expect(result.current).toBe(2);
    rerender({ v: 3 });
    expect(result.current).toBe(2);
  });
});
