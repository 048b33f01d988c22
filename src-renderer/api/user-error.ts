import type { FieldIssue } from '../../src-main/api/field-issues.ts';

/** What the UI shows of a failed call, whatever shape it arrived in. */
export interface UserError {
  message: string;
  /** HTTP-like status (400 bad input, 404 unknown monitor, 501 not available…); null when unknown. */
  status: number | null;
  issues: FieldIssue[];
}

/**
 * One place that turns anything thrown by an API call into a `UserError`: `ApiError`s from the HTTP
 * client, plain `{message, status, issues}` objects (IPC's structured clone drops the class), strings.
 */
export function toUserError(err: unknown): UserError {
  if (typeof err === 'string') return { message: err || 'Something went wrong', status: null, issues: [] };
  if (typeof err !== 'object' || err === null)
    return { message: 'Something went wrong', status: null, issues: [] };
  const e = err as Record<string, unknown>;
  const message =
    typeof e.message === 'string' && e.message ? stripIpcPrefix(e.message) : 'Something went wrong';
  const status = typeof e.status === 'number' && Number.isFinite(e.status) ? e.status : null;
  const issues = Array.isArray(e.issues) ? e.issues.filter(isFieldIssue) : [];
  return { message, status, issues };
}

const isFieldIssue = (v: unknown): v is FieldIssue =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as FieldIssue).path === 'string' &&
  typeof (v as FieldIssue).message === 'string';

// Electron's ipcRenderer.invoke rejects with "Error invoking remote method 'x': Error: <message>".
const stripIpcPrefix = (message: string): string =>
  message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
