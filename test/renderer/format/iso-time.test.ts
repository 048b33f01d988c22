import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../src-renderer/format/iso-time.ts';

describe('the dateTime attribute of a time', () => {
  it('is the ISO form of epoch milliseconds', () => {
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 9e15])(
    'is left out for %s instead of throwing',
    (time) => {
      expect(isoTime(time)).toBeUndefined();
    },
  );
});
