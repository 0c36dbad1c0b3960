import { type ParseArgsConfig, parseArgs } from 'node:util';
import { seedPlaces } from '@rallypoint/prisma/seed';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { createPrisma, type Db } from '../db/client.ts';
import { type DatabaseServer, startDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

/** A problem the person running the command can fix: printed without a stack trace. */
export class CommandError extends Error {}

/** The checked configuration, or every problem with it on stderr and exit code 1. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

export function argsOrExit<const O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(1);
  }
}

/**
 * Runs a one-off command on the database the server uses (DATABASE_URL, or the embedded one, even while the
 * server runs), migrated and with the places data, then exits: 1 on any error.
 */
export async function runCommand(config: Config, work: (prisma: Db) => Promise<void>): Promise<never> {
  let db: DatabaseServer | undefined;
  let prisma: Db | undefined;
  try {
    db = await startDatabase(config, { attach: true });
    await migrate(db.url);
    prisma = createPrisma(db.url, 2);
    await seedPlaces(prisma);
    await work(prisma);
  } catch (error) {
    console.error(error instanceof CommandError ? error.message : error);
    process.exitCode = 1;
  } finally {
    await prisma?.$disconnect();
    await db?.stop();
  }
  process.exit();
}
