import { type FormEvent, useId, useState } from 'react';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';
import { validateDiscordWebhookUrl } from '../../../src-main/api/discord-webhook-url.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import type { DeliveryResult } from '../../../src-main/api/notification-types.ts';
import { toUserError, type UserError } from '../../api/user-error.ts';
import { CheckboxField, Field } from '../../components/field.tsx';
import { IssuesPanel } from '../../components/issue-list.tsx';
import { InlineError } from '../../components/panels.tsx';
import { useApp } from '../../state/app-context.ts';
import { useLoad } from '../../state/use-load.ts';
import { ChannelReach } from './channel-reach.tsx';
import {
  ChannelRoutingField,
  type RouteDraft,
  routeDraft,
  routeFromDraft,
} from './channel-routing-field.tsx';
import { placeIssues } from './field-issues.ts';
import { type SecretDraft, secretDraft, secretFromDraft } from './secret-draft.ts';
import { SecretField } from './secret-field.tsx';
import { useConfigSave } from './use-config-save.ts';

const FIELDS = new Set([
  'desktop',
  'groupWindowSeconds',
  'dailySummaryAt',
  'discord.webhookUrl',
  'discord.mention',
  'webhook.url',
  'webhook.secret',
  'desktopRouting',
  'discord.monitors',
  'webhook.monitors',
]);

interface Draft {
  desktop: boolean;
  discordUrl: SecretDraft;
  mention: string;
  webhookUrl: SecretDraft;
  webhookSecret: SecretDraft;
  groupWindowSeconds: string;
  dailySummaryAt: string;
  routes: Record<'desktop' | 'discord' | 'webhook', RouteDraft>;
}

const isSet = (s: SecretDraft) => s.stored || s.text !== '' || (s.source === 'env' && s.env.trim() !== '');

function toNotifications(d: Draft): { value: Record<string, unknown>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const group = d.groupWindowSeconds.trim() === '' ? undefined : Number(d.groupWindowSeconds);
  if (group !== undefined && !Number.isFinite(group))
    issues.push({ path: 'groupWindowSeconds', message: 'must be a number' });
  const desktopRoute = routeFromDraft(d.routes.desktop);
  const value: Record<string, unknown> = {
    desktop: d.desktop,
    ...(Object.keys(desktopRoute).length > 0 && { desktopRouting: desktopRoute }),
    groupWindowSeconds: group !== undefined && Number.isFinite(group) ? group : undefined,
    dailySummaryAt: d.dailySummaryAt === '' ? null : d.dailySummaryAt,
  };
  // A removed URL takes its mention with it; a mention alone stays so the schema can ask for the URL.
  if (isSet(d.discordUrl) || (d.mention.trim() !== '' && !d.discordUrl.removed)) {
    value.discord = {
      webhookUrl: secretFromDraft(d.discordUrl),
      ...(d.mention.trim() !== '' && { mention: d.mention.trim() }),
      ...routeFromDraft(d.routes.discord),
    };
  }
  if (isSet(d.webhookUrl) || (isSet(d.webhookSecret) && !d.webhookUrl.removed)) {
    const secret = isSet(d.webhookSecret) ? secretFromDraft(d.webhookSecret) : undefined;
    value.webhook = {
      url: secretFromDraft(d.webhookUrl),
      ...(secret !== undefined && { secret }),
      ...routeFromDraft(d.routes.webhook),
    };
  }
  return { value, issues };
}

/** Desktop, Discord and a generic webhook; secrets masked, kept when left empty. */
export function NotificationsSection({ config, onSaved }: { config: ConfigInput; onSaved: () => void }) {
  const { api } = useApp();
  const host = useLoad(() => api.getHost({}), [api]);
  // Until the host answers, assume it can notify: the desktop app is the common case.
  const desktopSupported = host.data?.notifications.supported ?? true;
  const n = config.notifications ?? {};
  const [draft, setDraft] = useState<Draft>(() => ({
    desktop: n.desktop ?? true,
    discordUrl: secretDraft(n.discord?.webhookUrl),
    mention: n.discord?.mention ?? '',
    webhookUrl: secretDraft(n.webhook?.url),
    webhookSecret: secretDraft(n.webhook?.secret),
    groupWindowSeconds: String(n.groupWindowSeconds ?? 2),
    dailySummaryAt: n.dailySummaryAt === undefined ? '09:00' : (n.dailySummaryAt ?? ''),
    routes: {
      desktop: routeDraft(n.desktopRouting),
      discord: routeDraft(n.discord),
      webhook: routeDraft(n.webhook),
    },
  }));
  const monitors = config.monitors ?? [];
  const setRoute = (channel: keyof Draft['routes'], route: RouteDraft) =>
    update({ routes: { ...draft.routes, [channel]: route } });
  const reachRoutes = {
    ...(draft.desktop && desktopSupported && { desktop: routeFromDraft(draft.routes.desktop) }),
    ...(isSet(draft.discordUrl) && { discord: routeFromDraft(draft.routes.discord) }),
    ...(isSet(draft.webhookUrl) && { webhook: routeFromDraft(draft.routes.webhook) }),
  };
  const [dirty, setDirty] = useState(false);
  const { issues, error, saving, saved, setSaved, save } = useConfigSave(config, onSaved);
  const placed = placeIssues(issues, FIELDS, 'notifications.');
  const err = (k: string) => placed.byField[k];

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setSaved(false);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const { value, issues: local } = toNotifications(draft);
    const placedLocal = local.map((i) => ({ ...i, path: `notifications.${i.path}` }));
    if (await save({ notifications: value }, placedLocal)) setDirty(false);
  };

  // "Send test" works on what the form holds now, saved or not.
  const typed = toNotifications(draft).value;

  return (
    <form
      className="settings-section"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby="notifications-title"
    >
      <h2 id="notifications-title" className="visually-hidden">
        Notifications
      </h2>
      <section className="card section-card form-section" aria-labelledby="desktop-title">
        <h3 id="desktop-title">Desktop</h3>
        {desktopSupported ? (
          <>
            <CheckboxField
              id="notify-desktop"
              label="Show desktop notifications"
              checked={draft.desktop}
              onChange={(desktop) => update({ desktop })}
              hint="Native OS notifications from the desktop app. Clicking one opens that monitor."
            />
            <ChannelRoutingField
              id="notify-desktop-routing"
              monitors={monitors}
              value={draft.routes.desktop}
              onChange={(r) => setRoute('desktop', r)}
              error={err('desktopRouting')}
            />
            <TestButton
              channel="desktop"
              notifications={typed}
              blocked={draft.desktop ? null : 'Turn on desktop notifications to send a test.'}
            />
          </>
        ) : (
          <p className="muted">
            Desktop notifications are not available here: this is the headless server, or the system offers
            none. Use Discord or a webhook to be told when something breaks.
          </p>
        )}
      </section>

      <section className="card section-card form-section" aria-labelledby="discord-title">
        <h3 id="discord-title">Discord</h3>
        <SecretField
          id="notify-discord-url"
          label="Discord webhook URL"
          noun="webhook URL"
          placeholder="https://discord.com/api/webhooks/…"
          value={draft.discordUrl}
          onChange={(discordUrl) => update({ discordUrl })}
          error={err('discord.webhookUrl')}
        />
        <Field
          id="notify-discord-mention"
          label="Mention on critical alerts"
          error={err('discord.mention')}
          hint="Optional role or user mention, e.g. <@&123456789012345678>."
        >
          {(control) => (
            <input
              {...control}
              type="text"
              spellCheck={false}
              value={draft.mention}
              onChange={(e) => update({ mention: e.target.value })}
            />
          )}
        </Field>
        <ChannelRoutingField
          id="notify-discord-routing"
          monitors={monitors}
          value={draft.routes.discord}
          onChange={(r) => setRoute('discord', r)}
          error={err('discord.monitors')}
        />
        <TestButton channel="discord" notifications={typed} blocked={discordBlocked(draft.discordUrl)} />
      </section>

      <section className="card section-card form-section" aria-labelledby="webhook-title">
        <h3 id="webhook-title">Generic webhook</h3>
        <p className="muted">Solvewatch POSTs JSON to this URL for every alert.</p>
        <SecretField
          id="notify-webhook-url"
          label="Webhook URL"
          noun="webhook URL"
          placeholder="https://hooks.example.com/solvewatch"
          value={draft.webhookUrl}
          onChange={(webhookUrl) => update({ webhookUrl })}
          error={err('webhook.url')}
        />
        <SecretField
          id="notify-webhook-secret"
          label="Signing secret"
          noun="signing secret"
          value={draft.webhookSecret}
          onChange={(webhookSecret) => update({ webhookSecret })}
          error={err('webhook.secret')}
        />
        <p className="field-hint">
          Optional. Each body is signed: <code>X-Solvewatch-Signature</code> = hex HMAC-SHA256(secret, body).
        </p>
        <ChannelRoutingField
          id="notify-webhook-routing"
          monitors={monitors}
          value={draft.routes.webhook}
          onChange={(r) => setRoute('webhook', r)}
          error={err('webhook.monitors')}
        />
        <TestButton
          channel="webhook"
          notifications={typed}
          blocked={isSet(draft.webhookUrl) ? null : 'Enter a webhook URL to send a test.'}
        />
      </section>

      <ChannelReach monitors={monitors} routes={reachRoutes} />

      <section className="card section-card form-section" aria-labelledby="timing-title">
        <h3 id="timing-title">Grouping and summary</h3>
        <div className="form-grid">
          <Field
            id="notify-group"
            label="Group alerts within (seconds)"
            error={err('groupWindowSeconds')}
            hint="Alerts that fire this close together go out as one message (0–60)."
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="decimal"
                value={draft.groupWindowSeconds}
                onChange={(e) => update({ groupWindowSeconds: e.target.value })}
              />
            )}
          </Field>
          <Field
            id="notify-summary"
            label="Daily summary at"
            error={err('dailySummaryAt')}
            hint="Local time. Empty: no daily summary."
          >
            {(control) => (
              <input
                {...control}
                type="time"
                value={draft.dailySummaryAt}
                onChange={(e) => update({ dailySummaryAt: e.target.value })}
              />
            )}
          </Field>
        </div>
      </section>

      {placed.unplaced.length > 0 ? (
        <IssuesPanel title="The config has other problems" issues={placed.unplaced} />
      ) : null}
      <InlineError error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save notifications'}
        </button>
        {saved ? (
          <span className="saved-note" role="status">
            Saved.
          </span>
        ) : dirty ? (
          <span className="muted">Unsaved changes.</span>
        ) : null}
      </div>
    </form>
  );
}

/** Why "Send test" cannot send to Discord yet, or null when it can. */
function discordBlocked(url: SecretDraft): string | null {
  if (!isSet(url)) return 'Enter a webhook URL to send a test.';
  if (url.source !== 'value' || url.text === '') return null;
  const problem = URL.canParse(url.text) ? validateDiscordWebhookUrl(url.text) : 'is not a URL';
  return problem ? `Fix the webhook URL to send a test: it ${problem}.` : null;
}

function TestButton({
  channel,
  notifications,
  blocked,
}: {
  channel: 'desktop' | 'discord' | 'webhook';
  notifications: Record<string, unknown>;
  /** Why the button is disabled, shown beside it; null when it can send. */
  blocked: string | null;
}) {
  const { api } = useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DeliveryResult | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const reasonId = useId();
  const send = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api.sendTestNotification({ channel, notifications }));
    } catch (e) {
      setError(toUserError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="test-row">
      <button
        type="button"
        className="button button-small"
        disabled={blocked !== null || busy}
        aria-describedby={blocked ? reasonId : undefined}
        onClick={() => void send()}
      >
        {busy ? 'Sending…' : 'Send test'}
      </button>
      {blocked ? (
        <span id={reasonId} className="muted">
          {blocked}
        </span>
      ) : null}
      {result?.outcome === 'delivered' ? (
        <span className="saved-note" role="status">
          Delivered.
        </span>
      ) : result ? (
        <span className="inline-error" role="alert">
          Not delivered: {result.error}
          {result.status !== null ? ` (HTTP ${result.status})` : ''}
          {'detail' in result && result.detail ? ` — ${result.detail}` : ''}
        </span>
      ) : null}
      <InlineError error={error} />
    </div>
  );
}
