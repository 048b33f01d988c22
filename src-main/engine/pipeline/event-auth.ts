import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature header holds the hex HMAC-SHA256 of the raw body (seed 004); a `sha256=` prefix, as
 * GitHub-style senders add, is accepted. Compared in constant time on the decoded bytes.
 */
export function signatureMatches(rawBody: Uint8Array, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const hex = header.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}

export function signBody(rawBody: Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** The monitor's token from `Authorization: Bearer …` or `?token=…`, compared in constant time. */
export function tokenMatches(
  authorization: string | undefined,
  queryToken: string | null,
  token: string,
): boolean {
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : null;
  return sameText(bearer, token) || sameText(queryToken, token);
}

function sameText(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
