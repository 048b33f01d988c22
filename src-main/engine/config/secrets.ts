import type { Secret } from '../../api/config-schema.ts';

export class SecretUnavailableError extends Error {}

/** Turns a configured secret into its value; the error names the variable, never a value. */
export function resolveSecret(secret: Secret, env: NodeJS.ProcessEnv, stored?: string): string {
  if (typeof secret === 'string') return secret;
  if ('env' in secret) {
    const value = env[secret.env];
    if (!value) throw new SecretUnavailableError(`environment variable ${secret.env} is not set`);
    return value;
  }
  if (stored) return stored;
  throw new SecretUnavailableError('no stored secret');
}

/** The secret's value, or null when it cannot be had now (a missing variable, nothing stored). */
export function tryResolveSecret(secret: Secret, env: NodeJS.ProcessEnv): string | null {
  try {
    return resolveSecret(secret, env);
  } catch {
    return null;
  }
}
