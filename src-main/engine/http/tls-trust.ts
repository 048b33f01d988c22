import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/** A monitor's own TLS trust: a private CA (PEM text or a file path), or no verification at all. */
export interface TlsOptions {
  ca?: string;
  insecure?: boolean;
}

/** Node's TLS options for this trust (the private CA is trusted besides the public ones), or why it cannot be had. */
export function tlsTrust(
  tls: TlsOptions,
): { ca?: string[]; rejectUnauthorized: boolean } | { error: string } {
  const rejectUnauthorized = tls.insecure !== true;
  if (tls.ca === undefined) return { rejectUnauthorized };
  if (tls.ca.includes('-----BEGIN')) return { ca: [...rootCertificates, tls.ca], rejectUnauthorized };
  try {
    return { ca: [...rootCertificates, readFileSync(tls.ca, 'utf8')], rejectUnauthorized };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { error: `cannot read the tls.ca file ${tls.ca} (${code})` };
  }
}
