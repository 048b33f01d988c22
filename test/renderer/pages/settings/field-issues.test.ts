import { describe, expect, it } from 'vitest';
import { placeIssues } from '../../../../src-renderer/pages/settings/field-issues.ts';

const fields = new Set(['url', 'intervalSeconds', 'expectStatus', 'headers', 'apiKey', 'rules[0].when']);

describe('placing issues next to their fields', () => {
  it.each([
    ['monitors[2].intervalSeconds', 'intervalSeconds'],
    ['monitors[2].expectStatus[1]', 'expectStatus'],
    ['monitors[2].headers.X-Token', 'headers'],
    ['monitors[2].apiKey.env', 'apiKey'],
    ['monitors[2].rules[0].when', 'rules[0].when'],
  ])('%s goes to %s', (path, field) => {
    const placed = placeIssues([{ path, message: 'bad' }], fields, 'monitors[2].');
    expect(placed.byField).toEqual({ [field]: 'bad' });
    expect(placed.unplaced).toEqual([]);
  });

  it('keeps issues of other monitors and unknown fields apart, with their path', () => {
    const issues = [
      { path: 'monitors[1].url', message: 'other monitor' },
      { path: 'monitors[2].nonsense', message: 'no field' },
    ];
    expect(placeIssues(issues, fields, 'monitors[2].')).toEqual({ byField: {}, unplaced: issues });
  });

  it('shows the first message when a field has several', () => {
    const placed = placeIssues(
      [
        { path: 'url', message: 'first' },
        { path: 'url', message: 'second' },
      ],
      fields,
    );
    expect(placed.byField.url).toBe('first');
  });
});
