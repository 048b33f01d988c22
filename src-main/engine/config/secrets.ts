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
