// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ListenerSettings } from '../../../../src-renderer/pages/settings/listener-settings.tsx';

afterEach(cleanup);

describe('listener settings (Settings → General, desktop)', () => {
  it('shows where it listens and changes the port', async () => {
    const changes: unknown[] = [];
    const user = userEvent.setup();
    render(
      <ListenerSettings
        listener={{ port: 7420, lan: false, url: 'http://127.0.0.1:7420', error: null }}
        busy={false}
        change={(c) => changes.push(c)}
      />,
    );
    expect(screen.getByText(/Listening on http:\/\/127\.0\.0\.1:7420/)).toBeTruthy();
    const port = screen.getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '80');
    expect(screen.getByText('must be a whole number from 1024 to 65535')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Use this port' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(port);
    await user.type(port, '7431');
    await user.click(screen.getByRole('button', { name: 'Use this port' }));
    await user.click(screen.getByLabelText('Accept from the local network'));
    expect(changes).toEqual([{ listenerPort: 7431 }, { listenerLan: true }]);
  });

  it('says why it is not listening, and warns while open to the LAN', () => {
    render(
      <ListenerSettings
        listener={{ port: 7420, lan: true, url: null, error: 'port 7420 is already in use: …' }}
        busy={false}
        change={() => {}}
      />,
    );
    expect(screen.getByText('port 7420 is already in use: …')).toBeTruthy();
    expect(screen.getByText(/Anyone on your network can post heartbeats and events/)).toBeTruthy();
  });
});
