import type { FieldIssue } from '../../../src-main/api/field-issues.ts';

export interface PlacedIssues {
  /** First message per field key. */
  byField: Record<string, string>;
  /** Issues no field on screen can show, with their full path. */
  unplaced: FieldIssue[];
}

/**
 * Puts each issue next to the field that shows it. `prefix` strips the part of the path the form
 * stands for (`monitors[2].`); a path deeper than any field (`expectStatus[1]`, `headers.X`,
 * `apiKey.env`) goes to the nearest field above it.
 */
export function placeIssues(
  issues: readonly FieldIssue[],
  fields: ReadonlySet<string>,
  prefix = '',
): PlacedIssues {
  const byField: Record<string, string> = {};
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    if (prefix && !issue.path.startsWith(prefix)) {
      unplaced.push(issue);
      continue;
    }
    const field = nearestField(issue.path.slice(prefix.length), fields);
    if (field === null) unplaced.push(issue);
    else byField[field] ??= issue.message;
  }
  return { byField, unplaced };
}

function nearestField(path: string, fields: ReadonlySet<string>): string | null {
  let p = path;
  while (p !== '') {
    if (fields.has(p)) return p;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
  return null;
}
