// Preloaded into a CLI child process (NODE_OPTIONS=--import): records every module it loads, ES modules through a
// resolve hook and CommonJS ones from require.cache at exit, into the file named by DRIFTWATCH_LOADED_MODULES.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env.DRIFTWATCH_LOADED_MODULES;
if (out) {
  register(new URL('./loaded-modules-hooks.mjs', import.meta.url), { data: { out } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => appendFileSync(out, `${Object.keys(require.cache).join('\n')}\n`));
  writeFileSync(out, '');
}
