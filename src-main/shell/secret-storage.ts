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
  decrypt(sealed: string): Promise<string>;
}

type SafeStorage = ElectronModules['safeStorage'];

/**
 * Wraps `safeStorage`, preferring its async API (Electron ≥ 39) and falling back to the sync one.
 * On Linux without a keyring Chromium picks `basic_text`, a hard-coded key: we count that as no
 * encryption (https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux).
 */
export async function detectSecretStorage(
  safeStorage: SafeStorage,
  platform: NodeJS.Platform,
): Promise<SecretStorage> {
  const canEncrypt =
    typeof safeStorage.isAsyncEncryptionAvailable === 'function'
      ? await safeStorage.isAsyncEncryptionAvailable()
      : safeStorage.isEncryptionAvailable();
  const backend = backendName(safeStorage, platform);
  return {
    protected: canEncrypt && backend !== 'basic_text',
    canEncrypt,
    backend,
    async encrypt(plain) {
      const sealed =
        typeof safeStorage.encryptStringAsync === 'function'
          ? await safeStorage.encryptStringAsync(plain)
          : safeStorage.encryptString(plain);
      return sealed.toString('base64');
    },
    async decrypt(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      if (typeof safeStorage.decryptStringAsync === 'function') {
        return (await safeStorage.decryptStringAsync(bytes)).result;
      }
      return safeStorage.decryptString(bytes);
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
