import { Cron } from 'croner';
import { z } from 'zod';

const cronError = (pattern: string, timezone: string | undefined): string | null => {
  try {
    new Cron(pattern, { timezone, paused: true });
    return null;
  } catch (err) {
    return `must be a cron pattern such as "0 3 * * 0" (${(err as Error).message})`;
  }
};

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const IsoTime = z.iso.datetime({ offset: true, error: 'must be an ISO time such as "2026-01-04T03:00:00Z"' });

/**
 * A maintenance window: once (`start`–`end`) or recurring (`cron` + `durationMinutes`, in `timezone`
 * or UTC). Checks go on during it; alert transitions are recorded but not told.
 */
export const MaintenanceWindowSchema = z
  .strictObject({
    id: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
        'must be 1–64 letters, digits, "-", "_" or "." (no spaces)',
      ),
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    /** The monitors it covers; all when absent. */
    monitors: z
      .array(z.string().min(1))
      .min(1, 'must list at least one monitor id, or be left out')
      .optional(),
    start: IsoTime.optional(),
    end: IsoTime.optional(),
    cron: z.string().min(1).optional(),
    durationMinutes: z
      .number()
      .positive('must be > 0')
      .max(7 * 24 * 60, 'must be at most a week')
      .optional(),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "Europe/Berlin"').optional(),
    /** Set by "end now" on a recurring window: the occurrence under way then is over. */
    endedAt: IsoTime.optional(),
  })
  .superRefine((w, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (w.cron === undefined) {
      if (w.start === undefined) issue('start', 'is required (or give "cron" and "durationMinutes")');
      if (w.end === undefined) issue('end', 'is required (or give "cron" and "durationMinutes")');
      if (w.start && w.end && Date.parse(w.end) <= Date.parse(w.start)) issue('end', 'must be after start');
      return;
    }
    if (w.start !== undefined || w.end !== undefined)
      issue(w.start !== undefined ? 'start' : 'end', 'must be left out of a recurring ("cron") window');
    if (w.durationMinutes === undefined) issue('durationMinutes', 'is required with "cron"');
    const error = cronError(
      w.cron,
      w.timezone !== undefined && isTimeZone(w.timezone) ? w.timezone : undefined,
    );
    if (error) issue('cron', error);
  });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;
