export * from '../generated/client/client.ts';
export type { default as PrismaTypes } from '../generated/pothos-types.ts';
export { getDatamodel } from '../generated/pothos-types.ts';
