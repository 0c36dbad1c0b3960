import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printedSchema } from './graphql/schema.ts';

const out = path.join(import.meta.dirname, '..', 'schema.graphql');
writeFileSync(out, printedSchema());
console.log(`wrote ${out}`);
