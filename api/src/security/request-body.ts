import type { NextFunction, Request, RequestHandler, Response } from 'express';

const JSON_BODY = /^application\/(?:graphql\+)?json\s*(?:;|$)/i;

const refuse = (res: Response, status: number, message: string, code?: string) =>
  void res.status(status).json({ errors: [{ message, ...(code ? { extensions: { code } } : {}) }] });

/**
 * Reads a JSON GraphQL request within `limit` bytes, counting the bytes that actually arrive (a chunked upload
 * declares no length), and hands it to yoga parsed (@whatwg-node/server uses an already parsed `req.body`).
 * Past the limit the answer is 413 at once; the rest of the upload is drained unbuffered, so the client reads
 * the answer instead of a reset connection (Node's requestTimeout ends an endless one).
 * Other content types are left to yoga, which reads them only as far as their Content-Length.
 */
export function requestBody(limit: number, production: boolean): RequestHandler {
  const tooLarge = (res: Response) => refuse(res, 413, `Request body too large (limit ${limit / 1024} KB)`);
  return (req: Request, res: Response, next: NextFunction) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge(res);
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!JSON_BODY.test(req.headers['content-type'] ?? '')) {
      if (req.headers['transfer-encoding'] !== undefined) {
        return refuse(res, 411, 'Send this request with a Content-Length header (only JSON may be chunked).', 'LENGTH_REQUIRED');
      }
      return next();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', stop);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      chunks.length = 0;
      req.resume();
      tooLarge(res);
    };
    const onEnd = () => {
      stop();
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(Buffer.concat(chunks, size)));
      } catch (error) {
        const detail = production ? '' : `: ${(error as Error).message}`;
        return refuse(res, 400, `The request body is not valid JSON${detail}.`, 'BAD_REQUEST');
      }
      // yoga (batching off) needs one object; an empty one would make @whatwg-node read the spent stream again.
      if (body === null || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
        return refuse(res, 400, 'The request body must be a JSON object with a "query".', 'BAD_REQUEST');
      }
      req.body = body;
      next();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    // A client that goes away mid-upload gets no answer.
    req.on('error', stop);
  };
}
