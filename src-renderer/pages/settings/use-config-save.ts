import { useState } from 'react';
import { type ConfigInput, ConfigSchema } from '../../../src-main/api/config-schema.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import { toFieldIssues } from '../../../src-main/api/field-issues.ts';
import { toUserError, type UserError } from '../../api/user-error.ts';
import { useApp } from '../../state/app-context.ts';

/**
 * Saving one section of the config: its own issues plus the shared schema's, nothing sent while any
 * is left, then the server's answer (its issues placed like the local ones).
 */
export function useConfigSave(onSaved: () => void) {
  const { api } = useApp();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<UserError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = async (next: ConfigInput, local: FieldIssue[]): Promise<boolean> => {
    setError(null);
    const parsed = ConfigSchema.safeParse(next);
    const all = [...local, ...(parsed.success ? [] : toFieldIssues(parsed.error))];
    setIssues(all);
    if (all.length > 0) return false;
    setSaving(true);
    try {
      await api.saveConfig({ config: next });
      setSaved(true);
      onSaved();
      return true;
    } catch (e) {
      const u = toUserError(e);
      setIssues(u.issues);
      setError(u);
      return false;
    } finally {
      setSaving(false);
    }
  };

  return { issues, error, saving, saved, setSaved, save };
}
