import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { FooterLinks } from './templates/layout.tsx';
import type { LinkSigner } from './links.ts';

/**
 * What a member can switch off, one switch each (the preferences page). `account` e-mails (verification, password
 * reset, "someone tried to sign up") are always sent.
 */
export type MailCategory = 'account' | 'bookings' | 'reminders' | 'lifts' | 'organiser' | 'digest';

export interface Recipient {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  emailVerifiedAt: Date | null;
}

export interface MailContext {
  db: Db;
  config: Config;
  links: LinkSigner;
  recipient: Recipient;
  /** The footer every template passes to its Layout: why this e-mail, preferences and unsubscribe links. */
  footer: FooterLinks;
  /** The job key of this e-mail (unique per message). */
  key: string;
}

/** A message ready to render; null from `prepare` means it no longer applies (the RSVP was cancelled, ...). */
export interface Prepared {
  subject: string;
  element: ReactElement;
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface MailTemplate<P> {
  category: MailCategory;
  /** Reads what the e-mail needs at send time, so it says what is true when it leaves. */
  prepare(ctx: MailContext, params: P): Promise<Prepared | null>;
}

export const defineTemplate = <P>(t: MailTemplate<P>): MailTemplate<P> => t;

/** What a template sent to a bare address knows of its recipient: the address, nothing else. */
export interface AddressMailContext extends Omit<MailContext, 'recipient'> {
  /** The address, lower-cased. */
  to: string;
}

/**
 * An e-mail to an address, whether or not it has an account (a co-host invitation). Each is sent because someone
 * asked for it then (so never a list: no preferences, no unsubscribe); an address that bounced gets no more.
 */
export interface AddressMailTemplate<P> {
  toAddress: true;
  prepare(ctx: AddressMailContext, params: P): Promise<Prepared | null>;
}

export const defineAddressTemplate = <P>(t: Omit<AddressMailTemplate<P>, 'toAddress'>): AddressMailTemplate<P> => ({ ...t, toAddress: true });

const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * The e-mail's HTML: react-email's document, rendered synchronously. (react-email's own `render` goes through a
 * web stream and Suspense for components that load data, which ours never do: four times the CPU for the same markup,
 * less React's stream markers.)
 */
export const renderEmail = (element: ReactElement): string => DOCTYPE + renderToStaticMarkup(element);
