// `prisma generate` needs no engine, but the CLI insists on finding one: point it at any existing file
// so it never tries to download (the migration engine is unreachable offline; we apply SQL ourselves).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = createRequire(path.join(prismaDir, 'package.json')).resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  // the Pothos generator runs as a binary from this package's node_modules/.bin
  PATH: `${path.join(prismaDir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
};
const r = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env, cwd: prismaDir });
process.exit(r.status ?? 1);
