import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateIcons, ICON_STATES, iconFiles, STATE_COLOURS } from '../../assets/generate-icons.ts';
import type { TrayIconName } from '../../src-main/shell/tray-model.ts';
import { temporaryDirs } from '../support/temp-dir.ts';
import { decodePng, icoSizes, pngSize } from './png.ts';

const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));
const tempDir = temporaryDirs();
const read = (name: string) => readFileSync(join(ASSETS, name));
const generated = (name: string) => /^(tray-.*|icon)\.(png|ico)$/.test(name);

// Every icon the tray model can ask for; a new TrayIconName fails to compile here until it is added.
const TRAY_ICONS: Record<TrayIconName, true> = {
  ok: true,
  warning: true,
  critical: true,
  unknown: true,
  snoozed: true,
};

describe('assets/ icons', () => {
  it('are exactly what `npm run icons` makes from the source', async () => {
    const out = tempDir();
    const written = await generateIcons(out);
    expect(readdirSync(ASSETS).filter(generated).sort()).toEqual([...written].sort());
    for (const name of written) {
      expect(read(name).equals(readFileSync(join(out, name))), `${name} is stale: run npm run icons`).toBe(
        true,
      );
    }
  });

  it.each(Object.keys(TRAY_ICONS))('include every variant the shell loads for the %s state', (state) => {
    for (const suffix of [
      '.png',
      '@2x.png',
      '-32.png',
      '-32@2x.png',
      'Template.png',
      'Template@2x.png',
      '.ico',
    ]) {
      expect(() => read(`tray-${state}${suffix}`)).not.toThrow();
    }
  });

  it.each(iconFiles().map((f) => [f.name, f.sizes] as const))('%s holds %j px', (name, sizes) => {
    const data = read(name);
    if (name.endsWith('.ico')) expect(icoSizes(data)).toEqual(sizes);
    else expect(pngSize(data)).toEqual({ width: sizes[0], height: sizes[0] });
  });

  it.each(ICON_STATES.flatMap((s) => [`tray-${s}Template.png`, `tray-${s}Template@2x.png`]))(
    '%s is black on transparent, as macOS templates must be',
    (name) => {
      const { rgba } = decodePng(read(name));
      const alphas = new Set<number>();
      for (let i = 0; i < rgba.length; i += 4) {
        const alpha = rgba[i + 3] ?? 0;
        alphas.add(alpha);
        if (alpha > 0) expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
      }
      expect(alphas.has(0) && alphas.has(255)).toBe(true);
    },
  );

  // Templates have no colour, and colour alone fails colour-blind users: each state needs its own glyph.
  it.each<[string, (r: number, g: number, b: number, a: number) => boolean]>([
    ['Template.png', (_r, _g, _b, a) => a > 127],
    ['.png', (r, g, b, a) => a > 127 && Math.min(r, g, b) > 200],
  ])('tell the states apart by shape in tray-<state>%s', (suffix, isGlyph) => {
    const masks = ICON_STATES.map((s) => {
      const { rgba } = decodePng(read(`tray-${s}${suffix}`));
      let mask = '';
      for (let i = 0; i < rgba.length; i += 4) {
        mask += isGlyph(rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0, rgba[i + 3] ?? 0) ? '1' : '0';
      }
      return mask;
    });
    expect(new Set(masks).size).toBe(ICON_STATES.length);
  });

  it.each(ICON_STATES.flatMap((s) => [16, 32, 64].map((px) => [s, px] as const)))(
    'paint the %s shield in its colour at %i px',
    (state, px) => {
      const name =
        px === 16 ? `tray-${state}.png` : px === 32 ? `tray-${state}@2x.png` : `tray-${state}-32@2x.png`;
      const { width, rgba } = decodePng(read(name));
      // Just under the shield's top edge, above the glyph: solid shield colour at every size.
      const at = ((2 * px) / 16) * width * 4 + ((8 * px) / 16) * 4;
      const hex = `#${[rgba[at], rgba[at + 1], rgba[at + 2], rgba[at + 3]]
        .map((v) => (v ?? 0).toString(16).padStart(2, '0'))
        .join('')
        .toUpperCase()}`;
      expect(hex).toBe(`${STATE_COLOURS[state]}FF`);
    },
  );
});
