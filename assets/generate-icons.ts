/**
 * Renders every tray and app icon from assets/source/solvewatch.svg: `npm run icons [-- <outDir>]`.
 * Deterministic, so test/assets/icons.test.ts can regenerate into a temporary folder and compare.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import pngToIco from 'png-to-ico';

export const ICON_STATES = ['ok', 'warning', 'critical', 'unknown', 'snoozed'] as const;
export type IconState = (typeof ICON_STATES)[number];

/** Seed 001's Discord colours for ok / warning / critical, so a tray and an embed agree; grey and a calm blue beside them. */
export const STATE_COLOURS: Record<IconState, string> = {
  ok: '#2ECC71',
  warning: '#F39C12',
  critical: '#E74C3C',
  unknown: '#95A5A6',
  snoozed: '#3498DB',
};

const ASSETS = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(ASSETS, 'source', 'solvewatch.svg');

export interface IconFile {
  name: string;
  /** Pixel size of each image in the file (several in an .ico). */
  sizes: number[];
  kind: 'colour' | 'template' | 'app';
  /** null for the app icon. */
  state: IconState | null;
}

/**
 * What is generated. Tray: 16 px (+ @2x) for macOS/Windows menus, 32 px (+ @2x) where Linux panels
 * draw bigger icons, `…Template` monochrome images for the macOS menu bar, an .ico for Windows.
 * Electron picks the @2x file by name: https://www.electronjs.org/docs/latest/api/native-image
 */
export function iconFiles(): IconFile[] {
  const files: IconFile[] = [];
  for (const s of ICON_STATES) {
    files.push(
      { name: `tray-${s}.png`, sizes: [16], kind: 'colour', state: s },
      { name: `tray-${s}@2x.png`, sizes: [32], kind: 'colour', state: s },
      { name: `tray-${s}-32.png`, sizes: [32], kind: 'colour', state: s },
      { name: `tray-${s}-32@2x.png`, sizes: [64], kind: 'colour', state: s },
      { name: `tray-${s}Template.png`, sizes: [16], kind: 'template', state: s },
      { name: `tray-${s}Template@2x.png`, sizes: [32], kind: 'template', state: s },
      { name: `tray-${s}.ico`, sizes: [16, 32, 48], kind: 'colour', state: s },
    );
  }
  files.push(
    { name: 'icon.png', sizes: [1024], kind: 'app', state: null },
    { name: 'icon.ico', sizes: [16, 24, 32, 48, 64, 128, 256], kind: 'app', state: null },
  );
  return files;
}

/** The source's <defs>: the shield and one glyph per state. */
function sourceDefs(): string {
  const match = /^\s*<defs>[\s\S]*<\/defs>/m.exec(readFileSync(SOURCE, 'utf8'));
  if (!match) throw new Error(`${SOURCE} has no <defs>`);
  return match[0];
}

function svg(size: number, viewBox: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="${viewBox}" width="${size}" height="${size}">${sourceDefs()}${body}</svg>`;
}

export function colourSvg(state: IconState, size: number): string {
  return svg(
    size,
    '0 0 16 16',
    `<use xlink:href="#shield" fill="${STATE_COLOURS[state]}"/><use xlink:href="#glyph-${state}" stroke="#FFFFFF" fill="#FFFFFF"/>`,
  );
}

/** macOS tints template images itself, so the glyph is cut out of a black shield: the state shows by shape alone. */
export function templateSvg(state: IconState, size: number): string {
  return svg(
    size,
    '0 0 16 16',
    `<mask id="cut" maskUnits="userSpaceOnUse" x="0" y="0" width="16" height="16"><rect width="16" height="16" fill="#FFFFFF"/><use xlink:href="#glyph-${state}" stroke="#000000" fill="#000000"/></mask><use xlink:href="#shield" fill="#000000" mask="url(#cut)"/>`,
  );
}

export function appSvg(size: number): string {
  return svg(
    size,
    '0 0 16 16',
    `<rect x="0.5" y="0.5" width="15" height="15" rx="3.4" fill="#1E293B"/><g transform="translate(2.4 2.2) scale(0.7)"><use xlink:href="#shield" fill="${STATE_COLOURS.ok}"/><use xlink:href="#glyph-ok" stroke="#FFFFFF" fill="#FFFFFF"/></g>`,
  );
}

let ready: Promise<void> | null = null;

/** resvg's wasm can be initialised once per process. */
function initRenderer(): Promise<void> {
  if (!ready) {
    const wasm = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    ready = initWasm(readFileSync(wasm));
  }
  return ready;
}

function render(source: string): Buffer {
  const resvg = new Resvg(source, { font: { loadSystemFonts: false } });
  try {
    return Buffer.from(resvg.render().asPng());
  } finally {
    resvg.free();
  }
}

function svgFor(file: IconFile, size: number): string {
  if (file.state === null) return appSvg(size);
  return file.kind === 'template' ? templateSvg(file.state, size) : colourSvg(file.state, size);
}

/** Writes every icon into `outDir`; returns the file names. */
export async function generateIcons(outDir: string): Promise<string[]> {
  await initRenderer();
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of iconFiles()) {
    const pngs = file.sizes.map((size) => render(svgFor(file, size)));
    const data = file.name.endsWith('.ico') ? await pngToIco(pngs) : pngs[0];
    if (!data) throw new Error(`nothing rendered for ${file.name}`);
    writeFileSync(join(outDir, file.name), data);
    written.push(file.name);
  }
  return written;
}

if (import.meta.main) {
  const outDir = resolve(process.argv[2] ?? ASSETS);
  const written = await generateIcons(outDir);
  console.log(`${written.length} icons written to ${outDir}`);
}
