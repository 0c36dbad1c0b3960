// Compiles the API for plain Node: our TypeScript and the workspace packages (which export .ts sources) bundled
// into dist/, every third-party package left to node_modules.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const apiDir = path.resolve(import.meta.dirname, '..');

/** Bare imports stay external unless they are our workspace packages. */
const thirdPartyExternal = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@rallypoint/') ? undefined : { path: args.path, external: true }));
  },
};

rmSync(path.join(apiDir, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: apiDir,
  entryPoints: {
    main: 'src/main.ts',
    'seed-demo': 'src/cli/seed-demo.ts',
    'admin-create': 'src/cli/admin-create.ts',
    'user-role': 'src/cli/user-role.ts',
    worker: 'src/cli/worker.ts',
    // The matcher's threads (lifts/matcher.ts finds it here).
    'matcher-worker': '../packages/shared/node/matcher-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [thirdPartyExternal],
  logLevel: 'warning',
});
