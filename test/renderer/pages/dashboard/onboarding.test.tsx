// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostInfo } from '../../../../src-main/api/contract.ts';
import { Onboarding } from '../../../../src-renderer/pages/dashboard/onboarding.tsx';
import { fakeApi } from '../../fake-api.ts';
import { renderWithApp } from '../../render-with-app.tsx';

afterEach(cleanup);

const host = (kind: HostInfo['kind']): HostInfo => ({
  kind,
  startAtLogin: null,
  notifications: { supported: kind === 'desktop' },
  secrets: { storage: 'config-file', backend: null },
  notices: [],
  paths: { settings: '/tmp/config.json', data: '/tmp' },
});

describe('the first-run welcome', () => {
  it.each([
    ['headless', /in Discord or through a webhook/, /tray|desktop/],
    ['desktop', /from the tray/, /through a webhook/],
  ] as const)('on a %s host promises only what it has', async (kind, says, never) => {
    renderWithApp(<Onboarding />, fakeApi({ getHost: async () => host(kind) }));
    const lead = await screen.findByText(says);
    expect(lead.textContent).not.toMatch(never);
  });
});
