// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { navigate, useHashRoute } from '../../../src-renderer/routing/use-hash-route.ts';

function Where() {
  const route = useHashRoute();
  return <p>{JSON.stringify(route)}</p>;
}

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('the hash router', () => {
  it('follows the location hash as it changes', async () => {
    window.location.hash = '#/alerts';
    render(<Where />);
    expect(screen.getByText('{"name":"alerts"}')).toBeTruthy();

    await act(async () => {
      navigate('#/monitors/bal');
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByText('{"name":"monitor","id":"bal"}')).toBeTruthy();

    await act(async () => {
      window.location.hash = '#/settings/general';
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByText('{"name":"settings","section":"general"}')).toBeTruthy();
  });
});
