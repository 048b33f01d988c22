#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1 --no-concurrent-recompilation --liftoff-only
import './check-node.cjs';

await import('../dist/main/cli.js').catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main/cli.js')) {
    console.error('solvewatch is not built yet: run `npm run build` first.');
    process.exit(1);
  }
  throw err;
});
