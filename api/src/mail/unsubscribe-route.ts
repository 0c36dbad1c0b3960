import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type ChangeContext, change } from '../db/change.ts';
import { ValidationError } from '../errors.ts';
import { UNSUBSCRIBE_LINK_PROBLEM, unsubscribe } from './preferences.ts';
import { CATEGORY_LABELS } from './send.ts';

/**
 * `POST /mail/unsubscribe?token=…`: RFC 8058 one-click unsubscribe, as mail apps send it (`List-Unsubscribe=One-Click`,
 * form-encoded, with no cookie and no CSRF header). The signed token in the address is the proof, so the body is not
 * needed and not read. Switching off twice answers the same; a bad token is 400 and changes nothing.
 */
export function oneClickUnsubscribe(ctx: ChangeContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    try {
      const link = await change(ctx, 'unsubscribe', (tx) => unsubscribe(tx, req.query.token));
      res.status(200).type('text/plain').send(`Unsubscribed: no more ${CATEGORY_LABELS[link.category]} will be sent.\n`);
    } catch (error) {
      if (error instanceof ValidationError) return void res.status(400).type('text/plain').send(`${UNSUBSCRIBE_LINK_PROBLEM}\n`);
      next(error);
    }
  };
}
