import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@rallypoint/prisma';

export type Db = PrismaClient;

export function createPrisma(url: string, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max });
  return new PrismaClient({ adapter });
}
