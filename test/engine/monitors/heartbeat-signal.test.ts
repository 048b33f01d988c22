import { describe, expect, it } from 'vitest';
import {
  applySignal,
  capMessage,
  emptyPushMemory,
  MAX_MESSAGE_BYTES,
  signalOfPath,
} from '../../../src-main/engine/monitors/heartbeat-signal.ts';

describe('heartbeat signals (pure)', () => {
  it.each([
    [undefined, { kind: 'success' }],
    ['fail', { kind: 'fail' }],
    ['start', { kind: 'start' }],
    ['0', { kind: 'success' }],
    ['1', { kind: 'fail', exitStatus: 1 }],
    ['255', { kind: 'fail', exitStatus: 255 }],
    ['256', null],
    ['-1', null],
    ['ok', null],
  ])('reads the push path suffix %s as %j', (suffix, signal) => {
    expect(signalOfPath(suffix)).toEqual(signal);
  });

  it('times a run from its start to the next success, and forgets the start after it', () => {
    const started = applySignal(emptyPushMemory, { kind: 'start' }, 1_000);
    expect(started).toEqual({ last: null, runStartedAt: 1_000 });
    const done = applySignal(started, { kind: 'success', message: 'imported 12 rows' }, 73_450);
    expect(done).toEqual({
      runStartedAt: null,
      last: { time: 73_450, failed: false, exitStatus: null, message: 'imported 12 rows', runSeconds: 72.5 },
    });
    expect(applySignal(done, { kind: 'success' }, 80_000).last?.runSeconds).toBeNull();
  });

  it('keeps the exit status of a failure, and a start keeps the last finished run', () => {
    const failed = applySignal(emptyPushMemory, { kind: 'fail', exitStatus: 3 }, 5);
    expect(failed.last).toMatchObject({ failed: true, exitStatus: 3, message: null });
    expect(applySignal(failed, { kind: 'start' }, 9)).toEqual({ last: failed.last, runStartedAt: 9 });
  });

  it('caps a message at 1 KiB on a character boundary and removes control characters', () => {
    expect(capMessage('  line one\u0007\nline two  ')).toBe('line one \nline two');
    const long = 'é'.repeat(1000);
    const capped = capMessage(long);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(capped).toBe('é'.repeat(512));
  });
});
