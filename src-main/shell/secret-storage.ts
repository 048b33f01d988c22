import type { HostInfo } from '../api/contract.ts';
import type { ElectronModules } from './electron-modules.ts';

/** How secrets can be kept on this computer, decided once after `ready`. */
export interface SecretStorage {
  /** True when the OS keychain really protects what is encrypted (not Linux's `basic_text` fallback). */
  readonly protected: boolean;
  /** Whether `encrypt` works at all (on `basic_text` it does, with a key anyone can read). */
  readonly canEncrypt: boolean;
  readonly backend: string | null;
  encrypt(plain: string): Promise<string>;
  /** `reseal`: the keychain rotated its key, so the secret should be encrypted again and saved. */
  decrypt(sealed: string): Promise<{ plain: string; reseal: boolean }>;
}

type SafeStorage = ElectronModules['safeStorage'];

/**
 * Wraps `safeStorage`'s async API (the sync one is deprecated). On Linux without a keyring Chromium picks `basic_text`, a hard-coded key: we count that as no
 * encryption (https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux).
 */
export async function detectSecretStorage(
  safeStorage: SafeStorage,
  platform: NodeJS.Platform,
): Promise<SecretStorage> {
  const canEncrypt = await safeStorage.isAsyncEncryptionAvailable();
  const backend = backendName(safeStorage, platform);
  return {
    protected: canEncrypt && backend !== 'basic_text',
    canEncrypt,
    backend,
    async encrypt(plain) {
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decrypt(sealed) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      return { plain: result, reseal: shouldReEncrypt };
    },
  };
}

function backendName(safeStorage: SafeStorage, platform: NodeJS.Platform): string | null {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  if (platform !== 'linux') return null;
  return safeStorage.getSelectedStorageBackend();
}

/** What HostInfo says about secrets, given the user's answer about plain text. */
export function secretsInfo(storage: SecretStorage, allowPlainText: boolean): HostInfo['secrets'] {
  const kind = storage.protected ? 'encrypted' : allowPlainText ? 'plain-text' : 'unavailable';
  return { storage: kind, backend: storage.backend };
}
