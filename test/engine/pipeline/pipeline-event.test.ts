import { describe, expect, it } from 'vitest';
import { readEvent } from '../../../src-main/engine/pipeline/pipeline-event.ts';

describe('readEvent', () => {
  it("reads a provider's task.failed webhook (seed 004)", () => {
    const r = readEvent({
      event: 'task.failed',
      taskId: 'task_abc123',
      status: 'failed',
      errorId: 10,
      errorCode: 'ERROR_CAPTCHA_UNSOLVABLE',
      timestamp: '2026-03-28T12:00:00Z',
    });
    expect(r).toEqual({
      ok: true,
      event: expect.objectContaining({
        event: 'task.failed',
        taskId: 'task_abc123',
        errorCode: 'ERROR_CAPTCHA_UNSOLVABLE',
        time: Date.UTC(2026, 2, 28, 12),
      }),
    });
  });

  it('reads a balance.low webhook without a task id', () => {
    const r = readEvent({ event: 'balance.low', balance: 45.5, threshold: 50 });
    expect(r.ok && r.event).toMatchObject({
      event: 'balance.low',
      taskId: null,
      balance: 45.5,
      threshold: 50,
    });
  });

  it.each([
    [42, 'must be a JSON object'],
    [[{ event: 'task.completed' }], 'must be a JSON object'],
    [{ taskId: 't1' }, 'event is required'],
    [{ event: 'task.done', taskId: 't1' }, 'event must be one of task.submitted'],
    [{ event: 'task.completed' }, 'taskId is required for task.completed'],
    [{ event: 'task.completed', taskId: '' }, 'taskId must be a non-empty string'],
    [{ event: 'task.completed', taskId: 'x'.repeat(201) }, 'taskId must be a non-empty string'],
    [{ event: 'task.completed', taskId: 't', solveMs: -1 }, 'solveMs must be a number ≥ 0'],
    [{ event: 'task.completed', taskId: 't', solveMs: '12' }, 'solveMs must be a number ≥ 0'],
    [{ event: 'task.submitted', taskId: 't', queueDepth: 1.5 }, 'queueDepth must be a whole number ≥ 0'],
    [{ event: 'task.submitted', taskId: 't', workers: -2 }, 'workers must be a number ≥ 0'],
    [{ event: 'task.completed', taskId: 't', cost: 'cheap' }, 'cost must be a number ≥ 0'],
    [{ event: 'task.failed', taskId: 't', errorCode: {} }, 'errorCode must be a non-empty string'],
    [{ event: 'task.completed', taskId: 't', time: 'yesterday' }, 'time must be epoch milliseconds'],
    [{ event: 'balance.low' }, 'balance is required for balance.low'],
  ])('refuses %j, naming the field', (raw, reason) => {
    const r = readEvent(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});
