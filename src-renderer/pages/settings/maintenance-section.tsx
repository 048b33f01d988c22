import { type FormEvent, useState } from 'react';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import type { MaintenanceWindow } from '../../../src-main/api/maintenance-schema.ts';
import { formatDateTime } from '../../../src-main/api/number-format.ts';
import { Field } from '../../components/field.tsx';
import { InlineError } from '../../components/panels.tsx';
import { useApp } from '../../state/app-context.ts';
import { useAction } from '../../state/use-load.ts';
import { placeIssues } from './field-issues.ts';
import { useConfigSave } from './use-config-save.ts';

const EMPTY = {
  name: '',
  kind: 'once',
  start: '',
  end: '',
  cron: '',
  duration: '60',
  timezone: '',
  monitors: '',
};
type Draft = typeof EMPTY;
const FIELDS = ['name', 'monitors', 'start', 'end', 'cron', 'durationMinutes', 'timezone'];

const schedule = (w: MaintenanceWindow) =>
  w.cron === undefined
    ? `${formatDateTime(Date.parse(w.start ?? ''))} – ${formatDateTime(Date.parse(w.end ?? ''))}`
    : `cron ${w.cron}, ${w.durationMinutes} min${w.timezone ? ` (${w.timezone})` : ' (UTC)'}`;

/** A datetime-local value is the user's local time; the config holds ISO times. */
const isoOf = (local: string) =>
  local && !Number.isNaN(Date.parse(local)) ? new Date(local).toISOString() : local;

/** An ISO time as a datetime-local value, in the user's local time. */
function localOf(iso: string | undefined): string {
  const ms = Date.parse(iso ?? '');
  if (Number.isNaN(ms)) return '';
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function draftOf(w: MaintenanceWindow): Draft {
  return {
    name: w.name,
    kind: w.cron === undefined ? 'once' : 'cron',
    start: localOf(w.start),
    end: localOf(w.end),
    cron: w.cron ?? '',
    duration: String(w.durationMinutes ?? 60),
    timezone: w.timezone ?? '',
    monitors: (w.monitors ?? []).join(', '),
  };
}

function windowOf(d: Draft, id: string): MaintenanceWindow {
  const monitors = d.monitors
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const common = { id, name: d.name.trim(), ...(monitors.length > 0 && { monitors }) };
  if (d.kind === 'once') return { ...common, start: isoOf(d.start), end: isoOf(d.end) };
  return {
    ...common,
    cron: d.cron.trim(),
    durationMinutes: Number(d.duration),
    ...(d.timezone.trim() && { timezone: d.timezone.trim() }),
  };
}

/** Maintenance windows: the list (end now, remove), a window started now, a scheduled one added. */
export function MaintenanceSection({ config, onSaved }: { config: ConfigInput; onSaved: () => void }) {
  const { api, live } = useApp();
  const windows = (config.maintenance ?? []) as MaintenanceWindow[];
  const active = new Map(live.state?.maintenance?.active.map((s) => [s.id, s]) ?? []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  /** The id of the window being edited; null while adding one. */
  const [editing, setEditing] = useState<string | null>(null);
  const [minutes, setMinutes] = useState('30');
  const { issues, error, saving, save } = useConfigSave(config, onSaved);
  const editedAt = windows.findIndex((w) => w.id === editing);
  const index = editedAt === -1 ? windows.length : editedAt;
  const placed = placeIssues(issues, new Set(FIELDS), `maintenance[${index}].`);
  const act = useAction(async (run: () => Promise<unknown>) => {
    await run();
    onSaved();
  });

  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    const local: FieldIssue[] = [];
    if (draft.kind === 'cron' && !Number.isFinite(Number(draft.duration)))
      local.push({ path: `maintenance[${index}].durationMinutes`, message: 'must be a number' });
    const id =
      editing ??
      `${
        draft.name
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'window'
      }-${Date.now().toString(36)}`;
    const next = windowOf(draft, id);
    const maintenance =
      editedAt === -1 ? [...windows, next] : windows.map((w, i) => (i === editedAt ? next : w));
    if (await save({ maintenance }, local)) {
      setDraft(EMPTY);
      setEditing(null);
    }
  };
  const cancelEdit = () => {
    setDraft(EMPTY);
    setEditing(null);
  };

  const text = (key: keyof Draft, path: string, label: string, type = 'text', hint?: string) => (
    <Field id={`maintenance-${key}`} label={label} error={placed.byField[path]} hint={hint}>
      {(control) => (
        <input {...control} type={type} value={draft[key]} onChange={(e) => set(key)(e.target.value)} />
      )}
    </Field>
  );

  return (
    <div className="settings-section">
      <section className="card section-card" aria-labelledby="maintenance-list-title">
        <h2 id="maintenance-list-title">Maintenance windows</h2>
        <p className="muted">
          During a window checks keep running and changes are recorded, but no alert is sent; afterwards only
          what still differs is told.
        </p>
        {windows.length === 0 ? (
          <p>No maintenance windows.</p>
        ) : (
          <ul className="maintenance-list">
            {windows.map((w) => (
              <li key={w.id}>
                <strong>{w.name}</strong> — {schedule(w)} —{' '}
                {w.monitors ? w.monitors.join(', ') : 'all monitors'}
                {active.has(w.id) ? (
                  <>
                    {' '}
                    <span role="status">under way until {formatDateTime(active.get(w.id)?.end ?? 0)}</span>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      disabled={act.busy}
                      onClick={() => void act.run(() => api.endMaintenance({ id: w.id }))}
                    >
                      End now
                    </button>
                  </>
                ) : null}{' '}
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Edit ${w.name}`}
                  onClick={() => {
                    setDraft(draftOf(w));
                    setEditing(w.id);
                  }}
                >
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="button button-small"
                  disabled={saving}
                  aria-label={`Remove ${w.name}`}
                  onClick={() => void save({ maintenance: windows.filter((x) => x !== w) }, [])}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="form-actions">
          <label htmlFor="maintenance-minutes">Start maintenance now for (minutes), all monitors</label>
          <input
            id="maintenance-minutes"
            type="text"
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={act.busy}
            onClick={() => void act.run(() => api.startMaintenance({ minutes: Number(minutes) }))}
          >
            Start now
          </button>
        </div>
        <InlineError error={act.error} />
      </section>

      <form noValidate onSubmit={(e) => void onAdd(e)} className="card section-card form-section">
        <h2>{editing === null ? 'Add a window' : `Edit ${draft.name || 'window'}`}</h2>
        <div className="form-grid form-grid-3">
          {text('name', 'name', 'Name')}
          {text('monitors', 'monitors', 'Monitors (ids, comma-separated)', 'text', 'Empty: all monitors')}
          <Field id="maintenance-kind" label="Repeats">
            {(control) => (
              <select {...control} value={draft.kind} onChange={(e) => set('kind')(e.target.value)}>
                <option value="once">Once</option>
                <option value="cron">On a cron schedule</option>
              </select>
            )}
          </Field>
          {draft.kind === 'once' ? (
            <>
              {text('start', 'start', 'Start', 'datetime-local')}
              {text('end', 'end', 'End', 'datetime-local')}
            </>
          ) : (
            <>
              {text('cron', 'cron', 'Cron pattern', 'text', 'e.g. 0 3 * * 0 (Sundays 03:00)')}
              {text('duration', 'durationMinutes', 'Duration (minutes)')}
              {text('timezone', 'timezone', 'Time zone', 'text', 'e.g. Europe/Berlin; empty: UTC')}
            </>
          )}
        </div>
        {placed.unplaced.length > 0 ? (
          <ul className="field-issues">
            {placed.unplaced.map((i) => (
              <li key={i.path}>
                {i.path}: {i.message}
              </li>
            ))}
          </ul>
        ) : null}
        <InlineError error={error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : editing === null ? 'Add window' : 'Save window'}
          </button>
          {editing === null ? null : (
            <button type="button" className="button" onClick={cancelEdit}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
