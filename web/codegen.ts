import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

// Typed documents from the API's printed schema: `pnpm codegen` writes src/generated/ (committed), and
// `pnpm typecheck` fails while it is stale (`--check`) or while a document and the schema disagree.
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/generated/**'],
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        skipIndexFile: true,
        // Every operation with its hash (plain sha256 hex of the text), for the API's trusted documents.
        persistedDocuments: { hashAlgorithm: (text: string) => createHash('sha256').update(text).digest('hex') },
      },
      config: {
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', ID: 'string' },
        useTypeImports: true,
      },
      // urql's cache needs __typename everywhere; the persisted texts must carry it too.
      documentTransforms: [addTypenameSelectionDocumentTransform],
    },
    // The schema for urql's normalised cache (types and interfaces only, minified).
    'src/generated/introspection.ts': { plugins: ['urql-introspection'], config: { useTypeImports: true } },
  },
};

export default config;
