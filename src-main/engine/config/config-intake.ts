import type { Config } from '../../api/config-schema.ts';
import type { FieldIssue } from '../../api/field-issues.ts';
import { parseConfig } from './parse-config.ts';
import { restoreStoredSecrets, unresolvedStoredSecrets } from './secret-masking.ts';

export type IntakeResult = { ok: true; config: Config } | { ok: false; issues: FieldIssue[] };

/**
 * A config from a client, validated once: the schema, then `{ "stored": true }` placeholders put back
 * from the running config; a placeholder with nothing behind it is an issue of its field.
 */
export function takeInConfig(value: unknown, current: Config): IntakeResult {
  const parsed = parseConfig(value);
  if (!parsed.ok) return parsed;
  const config = restoreStoredSecrets(parsed.config, current);
  const missing = unresolvedStoredSecrets(config);
  if (missing.length > 0) {
    return {
      ok: false,
      issues: missing.map((path) => ({ path, message: 'no stored secret to keep: enter the value' })),
    };
  }
  return { ok: true, config };
}
