import { firstQueries } from '@rallypoint/shared';
import type { Request, Response } from 'express';
import { getOperationAST, parse } from 'graphql';
import { sessionToken } from '../accounts/sessions.ts';
import { readManifest } from '../security/trusted-documents.ts';

/** The element the web app reads its first queries' results from (web/src/page-data.ts). */
export const PAGE_DATA_ID = 'rallypoint-page-data';

/** Longest the page waits for its data; after that it is sent without, and the app asks as usual. */
const WAIT_MS = 1_500;

/** Runs a trusted document by its hash, as a request from this page's visitor would. */
export type RunDocument = (
  req: Request,
  res: Response,
  hash: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: unknown; errors?: unknown[] } | null>;

/** Operation name → hash, for the queries of the web build's trusted documents (none without a manifest). */
export function queryHashes(manifestFile: string | null): Map<string, string> {
  const hashes = new Map<string, string>();
  if (!manifestFile) return hashes;
  let documents: Map<string, string>;
  try {
    documents = readManifest(manifestFile);
  } catch {
    return hashes;
  }
  for (const [hash, text] of documents) {
    const operation = getOperationAST(parse(text));
    if (operation?.operation === 'query' && operation.name) hashes.set(operation.name.value, hash);
  }
  return hashes;
}

/**
 * A page's first queries, run on the server and put in the page as JSON, so the app's first render needs no round
 * trip. Only for a visitor without a session: what any visitor who is not signed in would be sent, never one
 * member's data. The queries are the web build's own documents (by hash), with the variables the page gives them.
 */
export function pageData(hashes: Map<string, string>, run: RunDocument) {
  return async (req: Request, res: Response): Promise<string | null> => {
    if (hashes.size === 0 || sessionToken(req) !== undefined) return null;
    const url = new URL(req.originalUrl, 'http://page.invalid');
    const queries = firstQueries(url.pathname, url.searchParams).flatMap((q) => {
      const hash = hashes.get(q.operationName);
      return hash ? [{ hash, variables: q.variables }] : [];
    });
    if (queries.length === 0) return null;
    const ran = Promise.all(
      queries.map(async (q) => {
        const result = await run(req, res, q.hash, q.variables).catch(() => null);
        return result && result.data != null && !result.errors?.length ? { ...q, data: result.data } : null;
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), WAIT_MS);
      timer.unref();
    });
    const results = await Promise.race([ran, late]).finally(() => clearTimeout(timer));
    const answered = results?.filter((r) => r !== null) ?? [];
    if (answered.length === 0) return null;
    const json = scriptSafeJson({ url: url.pathname + url.search, results: answered });
    return `<script type="application/json" id="${PAGE_DATA_ID}">${json}</script>`;
  };
}

/** JSON that cannot end its <script> element or be read as markup, whatever the strings in it hold. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
