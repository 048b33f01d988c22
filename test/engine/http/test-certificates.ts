import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private certificate authority made for one test run, and the PEM files it wrote. */
export interface TestCa {
  dir: string;
  /** Path of the CA certificate (PEM). */
  caPath: string;
  caPem: string;
  /** A certificate for 127.0.0.1 signed by this CA, valid for `days` from now (-1: already expired). */
  issue(name: string, days: number): { key: string; cert: string };
  remove(): void;
}

/** Made with the system's `openssl`: node:crypto cannot write X.509 certificates. */
export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-ca-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Solvewatch Test CA',
  );
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  const caPath = join(dir, 'ca.pem');
  return {
    dir,
    caPath,
    caPem: readFileSync(caPath, 'utf8'),
    issue(name, days) {
      openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        String(days),
        '-extfile',
        'san.ext',
        '-out',
        `${name}.pem`,
      );
      return {
        key: readFileSync(join(dir, `${name}.key`), 'utf8'),
        cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
      };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
