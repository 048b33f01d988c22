import type { Secret } from '../../../src-main/api/config-schema.ts';

/**
 * A secret as the form edits it. The UI never learns a stored value: `stored` only says one exists,
 * and an empty `text` then keeps it (sent back as `{ stored: true }`).
 */
export interface SecretDraft {
  source: 'value' | 'env';
  text: string;
  env: string;
  stored: boolean;
  /** The user asked to remove the stored value: saving then leaves the secret out. */
  removed: boolean;
}

export const emptySecret: SecretDraft = { source: 'value', text: '', env: '', stored: false, removed: false };

/** The draft after "Remove": nothing stored, and the removal remembered so it can be undone. */
export const removeStored = (d: SecretDraft): SecretDraft => ({
  ...d,
  text: '',
  stored: false,
  removed: true,
});

export function secretDraft(secret: Secret | undefined): SecretDraft {
  if (secret === undefined) return emptySecret;
  if (typeof secret === 'string') return { ...emptySecret, text: secret };
  if ('env' in secret) return { ...emptySecret, source: 'env', env: secret.env };
  return { ...emptySecret, stored: true };
}

/** The secret to save, or undefined when none was given (the schema then says whether one is required). */
export function secretFromDraft(d: SecretDraft): Secret | undefined {
  if (d.source === 'env') return { env: d.env.trim() };
  if (d.text !== '') return d.text;
  return d.stored ? { stored: true } : undefined;
}
