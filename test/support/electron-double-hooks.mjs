// `node --import ./test/support/electron-double-hooks.mjs app.js`: the app's `electron` imports get
// the test double (test/support/electron-double.ts, run by Node's own type stripping).
import { registerHooks } from 'node:module';

const double = new URL('./electron-double.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: double, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
