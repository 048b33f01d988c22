import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

interface FileSet {
  from: string;
  to: string;
  filter: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { buildResources: string; output: string };
  files: string[];
  extraResources: FileSet[];
  npmRebuild: boolean;
  mac: { icon: string; extendInfo: Record<string, unknown> };
  win: { icon: string; target: string };
  linux: { icon: string; target: string[]; category: string; maintainer: string };
}

// The same YAML parser and schema validator electron-builder uses when it reads this file.
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, log: { isEnabled: boolean; add(): void }): Promise<void>;
};

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const resources = join(ROOT, config.directories.buildResources);

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect([config.appId, config.productName]).toEqual(['dev.solvewatch.app', 'Solvewatch']);
  });

  it.each(['mac', 'win', 'linux'] as const)(
    'points the %s icon at a file in the build resources',
    (platform) => {
      expect(existsSync(join(resources, config[platform].icon))).toBe(true);
    },
  );

  it('packs the Electron entry point named in package.json', () => {
    const { main } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(config.files.some((pattern) => matchesGlob(main, pattern))).toBe(true);
    expect(config.files).toContain('package.json');
  });

  it('ships every tray icon outside the asar, where the main process reads them', () => {
    const [assets] = config.extraResources;
    expect(assets).toMatchObject({ from: 'assets', to: 'assets' });
    const icons = readdirSync(join(ROOT, 'assets')).filter((f) => f.startsWith('tray-'));
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons)
      expect(
        assets?.filter.some((p) => matchesGlob(icon, p)),
        icon,
      ).toBe(true);
  });

  it('leaves out only packages the main process never imports', () => {
    const excluded = config.files.flatMap(
      (p) => /^!node_modules\/\{([^}]+)\}/.exec(p)?.[1]?.split(',') ?? [],
    );
    expect(excluded).toContain('react');
    const sources = readdirSync(join(ROOT, 'src-main'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    for (const file of sources) {
      const text = readFileSync(join(ROOT, 'src-main', file), 'utf8');
      for (const name of excluded) expect(text, file).not.toMatch(new RegExp(`from '${name}(/[^']*)?'`));
    }
  });

  it('builds a tray-only macOS app, Linux AppImage and deb, and a Windows installer', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Utility');
    // dpkg refuses a package without a maintainer, and electron-builder only guesses one from package.json's author.
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.win.target).toBe('nsis');
    expect(config.npmRebuild).toBe(false);
  });
});
