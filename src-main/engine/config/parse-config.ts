import { type Config, ConfigSchema } from '../../api/config-schema.ts';
import { type FieldIssue, toFieldIssues } from '../../api/field-issues.ts';

export type ParseResult = { ok: true; config: Config } | { ok: false; issues: FieldIssue[] };

/** Validates an already-decoded config value. */
export function parseConfig(value: unknown): ParseResult {
  const result = ConfigSchema.safeParse(value);
  return result.success
    ? { ok: true, config: result.data }
    : { ok: false, issues: toFieldIssues(result.error) };
}

/** Decodes and validates config JSON text; a syntax error is reported like a field issue. */
export function parseConfigText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [{ path: '(file)', message: `invalid JSON: ${(err as Error).message}` }] };
  }
  return parseConfig(value);
}
