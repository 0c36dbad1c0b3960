// `node scripts/command.mjs <name> [args]`: runs a command (src/cli/<name>.ts) from the build with
// NODE_ENV=production, from the TypeScript sources through tsx otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const apiDir = path.resolve(import.meta.dirname, '..');
const name = process.argv[2] ?? '';
process.argv.splice(2, 1); // the command reads its own arguments from process.argv
if (!/^[a-z-]+$/.test(name) || !existsSync(path.join(apiDir, 'src', 'cli', `${name}.ts`))) {
  console.error(`Unknown command ${JSON.stringify(name)}`);
  process.exit(1);
}
if (process.env.NODE_ENV === 'production') {
  const built = path.join(apiDir, 'dist', `${name}.js`);
  if (!existsSync(built)) {
    console.error(`${path.relative(process.cwd(), built)} is missing: run \`pnpm build\` first.`);
    process.exit(1);
  }
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(apiDir, 'src', 'cli', `${name}.ts`)).href);
}
