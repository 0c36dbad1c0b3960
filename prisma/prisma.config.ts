import { defineConfig } from 'prisma/config';

// The CLI is only used for `prisma generate` here: migrations are plain SQL applied by api/src/db.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
