import { describe, expect, it } from 'vitest';
import { findChromium } from '../support/chromium.ts';

describe('finding the browser for the end-to-end tests', () => {
  it('uses CHROMIUM_PATH before the usual places', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath }, ['/nowhere/chromium'])).toBe(process.execPath);
  });

  it('names a CHROMIUM_PATH that does not exist', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nowhere/chrome' })).toThrow(
      'CHROMIUM_PATH is set to "/nowhere/chrome", but no such file exists',
    );
  });

  it('falls back to the first usual place that exists', () => {
    expect(findChromium({}, ['/nowhere/chromium', process.execPath])).toBe(process.execPath);
  });

  it('fails with how to install one when there is none', () => {
    expect(() => findChromium({}, ['/nowhere/chromium'])).toThrow(
      /sudo apt-get install chromium.*or set CHROMIUM_PATH/,
    );
  });
});
