import type { Config } from '../api/config-schema.ts';
import { maskSecrets } from '../engine/config/secret-masking.ts';

/** A secret as the settings file holds it: the keychain's ciphertext, base64. */
export interface SealedSecret {
  encrypted: string;
}

export type JsonPath = (string | number)[];

export interface SecretField {
  path: JsonPath;
  value: string;
}

/** `monitors[0].apiKey`, as the API's field issues name fields. */
export function formatPath(path: JsonPath): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    '',
  );
}

/**
 * Every secret held inline in a config. The engine's `maskSecrets` decides what a secret is (API keys,
 * webhook URLs and secrets, secret-looking headers, heartbeat tokens): whatever it masks is one, so a
 * secret field added to the schema later is sealed without a change here.
 */
export function secretFields(config: Config): SecretField[] {
  const fields: SecretField[] = [];
  const walk = (plain: unknown, masked: unknown, path: JsonPath): void => {
    if (typeof plain === 'string') {
      if (masked !== plain) fields.push({ path, value: plain });
      return;
    }
    if (Array.isArray(plain)) {
      for (const [i, v] of plain.entries()) walk(v, (masked as unknown[] | undefined)?.[i], [...path, i]);
      return;
    }
    if (plain !== null && typeof plain === 'object') {
      const other = (masked ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(plain)) walk(v, other[k], [...path, k]);
    }
  };
  walk(config, maskSecrets(config), []);
  return fields;
}

const isSealed = (v: unknown): v is SealedSecret =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  typeof (v as SealedSecret).encrypted === 'string';

/** A copy of `value` with the value at each path replaced by `replace(old)`. */
export function replaceAt(value: unknown, replacements: Map<string, unknown>): unknown {
  const walk = (v: unknown, path: JsonPath): unknown => {
    const key = formatPath(path);
    if (replacements.has(key)) return replacements.get(key);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    }
    return v;
  };
  return walk(value, []);
}

/** Every `{ "encrypted": … }` in a stored config, wherever it is. */
export function sealedFields(value: unknown): { path: JsonPath; sealed: SealedSecret }[] {
  const found: { path: JsonPath; sealed: SealedSecret }[] = [];
  const walk = (v: unknown, path: JsonPath): void => {
    if (isSealed(v)) found.push({ path, sealed: v });
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
    }
  };
  walk(value, []);
  return found;
}
