import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/** The web build writes its operations here, inside its dist folder (graphql-codegen's client preset format). */
export const MANIFEST_NAME = 'persisted-documents.json';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const documentHash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Reads a manifest `{ "<sha256 hex of the text>": "<document text>" }`. Throws an Error whose message completes
 * the sentence "TRUSTED_DOCUMENTS_FILE <path> …".
 */
export function readManifest(file: string): Map<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'does not exist' : code ? `cannot be read (${code})` : 'is not valid JSON');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error('must be a JSON object of hash → document');
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(json)) {
    if (typeof text !== 'string' || !SHA256_HEX.test(hash) || documentHash(text) !== hash) {
      throw new Error(`has an entry that is not "<sha256 hex of the text>": "<text>" (key ${JSON.stringify(hash.slice(0, 16))})`);
    }
    documents.set(hash, text);
  }
  return documents;
}

/** The hash a request names: `extensions.persistedQuery.sha256Hash` (version 1), as urql and graphql-sse send it. */
export function persistedHash(params: GraphQLParams): string | null {
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

/** The documents a server knows by hash. Outside production a missing or rebuilt file is read again on a miss. */
class TrustedDocuments {
  private documents = new Map<string, string>();
  private readAt: number | null = null;

  constructor(
    private readonly file: string | null,
    private readonly rereadOnMiss: boolean,
  ) {
    // Where it matters (production without ALLOW_ARBITRARY_OPERATIONS) config.ts refused a bad file already.
    if (file) this.reread(file);
  }

  get(hash: string): string | null {
    const found = this.documents.get(hash);
    if (found !== undefined || !this.rereadOnMiss || !this.file) return found ?? null;
    const modified = modifiedAt(this.file);
    if (modified === null || modified === this.readAt) return null;
    this.reread(this.file);
    return this.documents.get(hash) ?? null;
  }

  private reread(file: string) {
    this.readAt = modifiedAt(file);
    try {
      this.documents = readManifest(file);
    } catch (error) {
      console.warn(`TRUSTED_DOCUMENTS_FILE ${file} ${(error as Error).message}`);
    }
  }
}

function modifiedAt(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

const refusal = (message: string, code: string) => ({ message, extensions: { code, http: { status: 400 } } });

export interface TrustedDocumentsOptions {
  /** The manifest; null knows no hash. */
  file: string | null;
  /** Run query text too (development, tests, or ALLOW_ARBITRARY_OPERATIONS=1); a known hash always runs. */
  allowArbitrary: boolean;
  /** Read the manifest once (production), or again whenever a hash is missing and the file changed. */
  production: boolean;
}

/**
 * Trusted documents: a request names a document of the web build by its sha256 hash instead of sending the text.
 * Unless arbitrary operations are allowed, that is the only way in, and anything else is refused before parsing.
 */
export function trustedDocuments({ file, allowArbitrary, production }: TrustedDocumentsOptions): Plugin {
  const store = new TrustedDocuments(file, !production);
  const persisted = usePersistedOperations({
    allowArbitraryOperations: allowArbitrary,
    extractPersistedOperationId: persistedHash,
    getPersistedOperation: (hash) => store.get(hash),
    customErrors: {
      persistedQueryOnly: refusal(
        'This server runs only the web app’s own operations: send the hash of one (extensions.persistedQuery.sha256Hash), not query text.',
        'PERSISTED_QUERY_ONLY',
      ),
      keyNotFound: refusal('Send the hash of one of the web app’s operations in extensions.persistedQuery.sha256Hash.', 'PERSISTED_QUERY_ID_REQUIRED'),
      notFound: refusal(
        'Unknown operation hash: this server runs only the operations of the web app built with it (reload the page).',
        'PERSISTED_QUERY_NOT_FOUND',
      ),
    },
  }) as Plugin;
  if (!allowArbitrary) return persisted;
  // Where text is allowed only a hash without text needs the plugin: anything else gets yoga's own answer.
  return {
    ...persisted,
    onParams: (payload) => (!payload.params.query && persistedHash(payload.params) !== null ? persisted.onParams?.(payload) : undefined),
  };
}
