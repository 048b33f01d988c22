import { useState } from 'react';
import { toUserError, type UserError } from '../../api/user-error.ts';
import { Icon } from '../../components/icons.tsx';
import { InlineError } from '../../components/panels.tsx';
import { hrefOf } from '../../routing/route.ts';
import { navigate } from '../../routing/use-hash-route.ts';
import { useApp } from '../../state/app-context.ts';
import { useLoad } from '../../state/use-load.ts';

/** First run: no monitors yet. */
export function Onboarding() {
  const { api } = useApp();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  // `serve` has no tray and no desktop notifications: do not promise them there.
  const host = useLoad(() => api.getHost({}), [api]);
  const headless = host.data?.kind === 'headless';

  const tryDemo = async () => {
    setStarting(true);
    setError(null);
    try {
      await api.startDemo({});
    } catch (err) {
      const e = toUserError(err);
      setError(
        e.status === 501
          ? {
              ...e,
              message:
                'The demo is not available in this build of Solvewatch. Add one of your own endpoints instead.',
            }
          : e,
      );
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="onboarding" aria-labelledby="welcome-title">
      <div className="onboarding-mark" aria-hidden="true" />
      <h1 id="welcome-title">Welcome to Solvewatch</h1>
      <p className="onboarding-lead">
        {headless
          ? 'Watch your CAPTCHA-solving pipeline from this page: health endpoints, callback handlers and your solver balance. You hear about it the moment something breaks, in Discord or through a webhook.'
          : 'Watch your CAPTCHA-solving pipeline from the tray: health endpoints, callback handlers and your solver balance. You hear about it the moment something breaks, on your desktop and in Discord.'}
      </p>
      <div className="onboarding-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => navigate(hrefOf({ name: 'monitor-new' }))}
        >
          <Icon name="plus" />
          Add an endpoint
        </button>
        <button type="button" className="button" disabled={starting} onClick={() => void tryDemo()}>
          <Icon name="play" />
          {starting ? 'Starting the demo…' : 'Try the demo'}
        </button>
      </div>
      <InlineError error={error} />
      <ul className="onboarding-points">
        <li>
          <strong>HTTP endpoints</strong> — status codes, latency and body checks.
        </li>
        <li>
          <strong>Callback health</strong> — error rate, p95 latency and stale callbacks.
        </li>
        <li>
          <strong>Solver balance</strong> — CaptchaAI, 2captcha, Anti-Captcha, CapMonster, with time to empty.
        </li>
        <li>
          <strong>Heartbeats</strong> — your pipeline pings Solvewatch; silence raises the alarm.
        </li>
      </ul>
      <p className="muted">
        The demo runs a simulated pipeline on this computer and shows every state within a minute.
      </p>
    </section>
  );
}
