import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

const GENERATED = fileURLToPath(new URL('./src/generated/', import.meta.url));
const SOURCES = fileURLToPath(new URL('./src/', import.meta.url));
const MANIFEST = `${GENERATED}persisted-documents.json`;

const GQL_IMPORT = /import\s*\{\s*graphql\s*\}\s*from\s*(['"])([^'"]*\/generated\/gql(?:\.ts)?)\1;?/;
const GQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const DEFINITION = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription|fragment)\s+([_A-Za-z]\w*)/;

/**
 * Swaps each `graphql(`…`)` for its generated document, inline (what the client preset's Babel plugin does, but
 * inlined): a page's chunk then holds only its own documents, not generated/gql.ts's map of every one.
 */
export function graphqlDocuments(): Plugin {
  let documents = new Map<string, string>();
  // Read again when a name is missing: `pnpm codegen` may have run since (in dev).
  const documentFor = (name: string) => {
    if (!documents.has(name)) {
      const generated = readFileSync(`${GENERATED}graphql.ts`, 'utf8');
      documents = new Map([...generated.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*;$/gm)].map((m) => [m[1]!, m[2]!]));
    }
    return documents.get(name);
  };
  return {
    name: 'rallypoint:graphql-documents',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(SOURCES) || id.startsWith(GENERATED) || !/\.tsx?$/.test(id) || !code.includes('graphql(`')) return;
      const gqlImport = GQL_IMPORT.exec(code);
      if (!gqlImport) return;
      const out = new MagicString(code);
      for (const call of code.matchAll(GQL_CALL)) {
        const definition = DEFINITION.exec(call[1]!);
        if (!definition) this.error(`${id}: a graphql() document must start with a named definition`);
        const name = definition[1] === 'fragment' ? `${definition[2]}FragmentDoc` : `${definition[2]}Document`;
        const document = documentFor(name);
        if (!document) this.error(`${id}: ${name} is not generated: run pnpm codegen`);
        out.overwrite(call.index, call.index + call[0].length, `(${document})`);
      }
      out.remove(gqlImport.index, gqlImport.index + gqlImport[0].length);
      return { code: out.toString(), map: out.generateMap({ hires: 'boundary', source: id }) };
    },
  };
}

/**
 * Emits the operations the app sends, by hash, as dist/persisted-documents.json (the API's trusted documents),
 * and fails the build if the bundle carries a document whose hash is not in it (a stale `pnpm codegen`).
 */
export function persistedDocuments(): Plugin {
  return {
    name: 'rallypoint:persisted-documents',
    apply: 'build',
    generateBundle(_options, bundle) {
      const text = readFileSync(MANIFEST, 'utf8');
      const manifest = JSON.parse(text) as Record<string, string>;
      const missing = new Set<string>();
      let found = 0;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [, hash] of chunk.code.matchAll(/__meta__["'`]?:\s*\{\s*["'`]?hash["'`]?:\s*["'`]([0-9a-f]{64})["'`]/g)) {
          found++;
          if (hash && !(hash in manifest)) missing.add(hash);
        }
      }
      // The app sends documents: finding none means this check no longer reads the bundle.
      if (found === 0) this.error('No persisted document hashes found in the bundle');
      if (missing.size > 0) this.error(`Documents missing from persisted-documents.json (run pnpm codegen): ${[...missing].join(', ')}`);
      this.emitFile({ type: 'asset', fileName: 'persisted-documents.json', source: text });
    },
  };
}

interface TypeRef {
  kind: string;
  ofType?: TypeRef;
}
interface IntrospectionJson {
  __schema: { types: { fields?: { name: string; type: TypeRef; args?: unknown[] }[] }[] };
}

/**
 * What urql's cache reads of a field in a production build: only whether it (or its list's items) may be null, and
 * a field it cannot find counts as non-null. So fields that are non-null throughout go, and arguments with them.
 */
export function trimIntrospection(introspection: IntrospectionJson): IntrospectionJson {
  const needed = (type: TypeRef) => type.kind !== 'NON_NULL' || (type.ofType?.kind === 'LIST' && type.ofType.ofType?.kind !== 'NON_NULL');
  return {
    __schema: {
      ...introspection.__schema,
      types: introspection.__schema.types.map((type) =>
        type.fields ? { ...type, fields: type.fields.filter((f) => needed(f.type)).map((f) => ({ name: f.name, type: f.type, args: [] })) } : type,
      ),
    },
  };
}

/** Production builds carry the trimmed schema (about 6 KB gzip less on every page); dev and test keep it whole. */
export function trimmedIntrospection(): Plugin {
  let production = true;
  return {
    name: 'rallypoint:trimmed-introspection',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      production = config.isProduction;
    },
    transform(code, id) {
      if (!production || id !== `${GENERATED}introspection.ts`) return;
      const json = /export default (\{[\s\S]*\}) as unknown as IntrospectionQuery;?\s*$/.exec(code)?.[1];
      if (!json) this.error('generated/introspection.ts is not in the expected shape');
      return { code: `export default ${JSON.stringify(trimIntrospection(JSON.parse(json)))};`, map: null };
    },
  };
}
