/**
 * Masks secrets before text leaves the engine (errors, history, API responses). Works on the raw
 * string rather than a parsed URL, so an invalid URL is masked too and a valid one keeps its spelling.
 */

const MASK = '***';

const SECRET_PARAMS: ReadonlySet<string> = new Set([
  'key',
  'apikey',
  'api_key',
  'access_token',
  'token',
  'clientkey',
  'client_key',
  'secret',
  'password',
  'pass',
  'sig',
  'signature',
  'auth',
]);

const WEBHOOK_TOKEN = /(\/api\/(?:v\d+\/)?webhooks\/[^/?#]+\/)[^/?#]+/gi;

/** The URL with secret query/fragment parameters, the userinfo password and webhook tokens masked. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const hashAt = url.indexOf('#');
  const pathEnd = Math.min(queryAt < 0 ? url.length : queryAt, hashAt < 0 ? url.length : hashAt);
  let out = maskWebhookToken(maskUserinfo(url.slice(0, pathEnd)));
  if (queryAt >= 0 && (hashAt < 0 || queryAt < hashAt)) {
    const end = hashAt < 0 ? url.length : hashAt;
    out += `?${maskParams(url.slice(queryAt + 1, end))}`;
  }
  if (hashAt >= 0) out += `#${maskParams(url.slice(hashAt + 1))}`;
  return out;
}

function maskUserinfo(head: string): string {
  const schemeEnd = head.indexOf('//');
  const authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 2;
  const slash = head.indexOf('/', authorityStart);
  const authorityEnd = slash < 0 ? head.length : slash;
  const at = head.lastIndexOf('@', authorityEnd - 1);
  if (at < authorityStart) return head;
  const colon = head.indexOf(':', authorityStart);
  if (colon < 0 || colon > at) return head;
  return `${head.slice(0, colon + 1)}${MASK}${head.slice(at)}`;
}

function maskWebhookToken(path: string): string {
  return path.includes('webhooks') ? path.replace(WEBHOOK_TOKEN, `$1${MASK}`) : path;
}

function maskParams(params: string): string {
  if (!params.includes('=')) return params;
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || eq === pair.length - 1) return pair;
      return SECRET_PARAMS.has(decodeName(pair.slice(0, eq))) ? `${pair.slice(0, eq + 1)}${MASK}` : pair;
    })
    .join('&');
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The text with every occurrence of each secret (≥ 4 characters), raw, URL-encoded or JSON-escaped, masked. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  if (text.length === 0 || secrets.length === 0) return text;
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of ordered) if (out.includes(form)) out = out.replaceAll(form, MASK);
  return out;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/gi;

/** Free text (a log line, an error's stack) with secret URL parts and every given secret masked. */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactSecrets(
    text.replace(URL_IN_TEXT, (url) => redactUrl(url)),
    secrets,
  );
}
