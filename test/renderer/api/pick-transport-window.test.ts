// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { pickTransport } from '../../../src-renderer/api/pick-transport.ts';

it('takes the token from the real window: off the address bar, into sessionStorage', () => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    'http://127.0.0.1:8321/#token=from-the-link',
  );
  const transport = pickTransport(window);
  expect(transport).not.toBeNull();
  expect(window.location.hash).toBe('');
  expect(window.sessionStorage.getItem('solvewatch.token')).toBe('from-the-link');
});
