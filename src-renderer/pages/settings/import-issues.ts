import type { FieldIssue } from '../../../src-main/api/field-issues.ts';

/**
 * An imported file's issues addressed by monitor name, as a person knows them: `monitors[1].url`
 * becomes `monitor "Local API": url` (the id when the monitor has no name).
 */
export function namedImportIssues(issues: readonly FieldIssue[], file: unknown): FieldIssue[] {
  const monitors = (file as { monitors?: unknown } | null)?.monitors;
  if (!Array.isArray(monitors)) return [...issues];
  return issues.map((issue) => {
    const m = /^monitors\[(\d+)\](?:\.(.*))?$/.exec(issue.path);
    if (!m) return issue;
    const monitor = monitors[Number(m[1])] as { name?: unknown; id?: unknown } | undefined;
    const label =
      typeof monitor?.name === 'string' && monitor.name.trim() !== ''
        ? monitor.name
        : typeof monitor?.id === 'string' && monitor.id !== ''
          ? monitor.id
          : null;
    if (label === null) return issue;
    return { ...issue, path: `monitor "${label}"${m[2] ? `: ${m[2]}` : ''}` };
  });
}
