#!/usr/bin/env -S node --max-semi-space-size=1
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`solvewatch needs Node.js 22.13 or newer (this is ${process.version}).`);
  process.exit(1);
}
await import('../dist/main/cli.js').catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main/cli.js')) {
    console.error('solvewatch is not built yet: run `npm run build` first.');
    process.exit(1);
  }
  throw err;
});
