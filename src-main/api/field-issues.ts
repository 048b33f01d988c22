import type { z } from 'zod';

/** A validation problem, addressed by its JSON path (`monitors[2].intervalSeconds`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'is required' : `must be ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return issue.message;
    default:
      return issue.message;
  }
}

const article = (t: string) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`);

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: describe(issue) }));
}

export const formatFieldIssues = (issues: readonly FieldIssue[]): string =>
  issues.map((i) => `${i.path}: ${i.message}`).join('\n');
