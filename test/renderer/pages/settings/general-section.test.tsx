// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, HostInfo } from '../../../../src-main/api/contract.ts';
import { GeneralSection } from '../../../../src-renderer/pages/settings/general-section.tsx';
import { fakeApi } from '../../fake-api.ts';
import { renderWithApp } from '../../render-with-app.tsx';

afterEach(cleanup);

const host = (extra: Partial<HostInfo>): HostInfo => ({
  kind: 'desktop',
  startAtLogin: false,
  notifications: { supported: true },
  secrets: { storage: 'encrypted', backend: null },
  notices: [],
  paths: { settings: '/tmp/settings.json', data: '/tmp' },
  ...extra,
});

describe('Settings → General: appearance', () => {
  it('sends the chosen colour scheme to the desktop app', async () => {
    const sent: ApiInput<'setHostPreferences'>[] = [];
    const api = fakeApi({
      setHostPreferences: async (change) => {
        sent.push(change);
        return host({ colorScheme: change.colorScheme ?? 'system' });
      },
    });
    renderWithApp(
      <GeneralSection
        config={{}}
        host={host({ colorScheme: 'system' })}
        onSaved={() => {}}
        onHostChanged={() => {}}
      />,
      api,
    );
    await userEvent.setup().selectOptions(screen.getByLabelText('Appearance'), 'Dark');
    expect(sent).toEqual([{ colorScheme: 'dark' }]);
  });

  it('is not offered by the headless server (a browser follows its system)', () => {
    renderWithApp(
      <GeneralSection
        config={{}}
        host={host({ kind: 'headless', startAtLogin: null })}
        onSaved={() => {}}
        onHostChanged={() => {}}
      />,
      fakeApi({}),
    );
    expect(screen.queryByLabelText('Appearance')).toBeNull();
  });
});
