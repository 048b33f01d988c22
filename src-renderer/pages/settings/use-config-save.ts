import { useState } from 'react';
import { type ConfigInput, ConfigSchema, type SettingsInput } from '../../../src-main/api/config-schema.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import { toFieldIssues } from '../../../src-main/api/field-issues.ts';
import { toUserError, type UserError } from '../../api/user-error.ts';
import { useApp } from '../../state/app-context.ts';

/**
 * Saving sections of the config: their own issues plus the shared schema's, nothing sent while any
 * is left, then the server's answer (its issues placed like the local ones). Only the sections go
 * out, so monitors edited meanwhile in another window stay as they are.
 */
export function useConfigSave(config: ConfigInput, onSaved: () => void) {
  const { api } = useApp();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<UserError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const save = async (settings: SettingsInput, local: FieldIssue[]): Promise<boolean> => {
    setError(null);
    const parsed = ConfigSchema.safeParse({ ...config, ...settings });
    const all = [...local, ...(parsed.success ? [] : toFieldIssues(parsed.error))];
    setIssues(all);
    if (all.length > 0) return false;
    setSaving(true);
    try {
      await api.saveSettings({ settings });
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
