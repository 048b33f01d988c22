import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/api/contract.ts';
import { toUserError } from '../../../src-renderer/api/user-error.ts';

describe('normalising API errors', () => {
  it('keeps the status and field issues of an ApiError (HTTP transport)', () => {
    const err = new ApiError(400, 'invalid config', [
      { path: 'monitors[0].url', message: 'must be an http:// or https:// URL' },
    ]);
    expect(toUserError(err)).toEqual({
      message: 'invalid config',
      status: 400,
      issues: [{ path: 'monitors[0].url', message: 'must be an http:// or https:// URL' }],
    });
  });

  it('reads a plain object cloned over IPC the same way', () => {
    expect(toUserError({ message: 'the demo is not available in this build', status: 501 })).toEqual({
      message: 'the demo is not available in this build',
      status: 501,
      issues: [],
    });
  });

  it("drops Electron's invoke prefix from the message", () => {
    const err = new Error("Error invoking remote method 'solvewatch:getState': Error: engine stopped");
    expect(toUserError(err).message).toBe('engine stopped');
  });

  it.each([null, undefined, 42, {}, { message: '' }, { message: 3, status: 'x', issues: 'no' }])(
    'turns %j into a readable error',
    (thrown) => {
      const e = toUserError(thrown);
      expect(e.message).toBe('Something went wrong');
      expect(e.status).toBeNull();
      expect(e.issues).toEqual([]);
    },
  );

  it('keeps only well-formed issues', () => {
    const e = toUserError({ message: 'bad', issues: [{ path: 'a', message: 'b' }, { path: 1 }, null] });
    expect(e.issues).toEqual([{ path: 'a', message: 'b' }]);
  });

  it('uses a thrown string as the message', () => {
    expect(toUserError('offline').message).toBe('offline');
  });
});
