import type { APIRequestContext } from 'playwright-core';
import { inject } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { apiSession, createEventApi, newPerson, type Person, rsvpApi, signUpApi, uid } from './helpers.ts';

/**
 * A member with a real reminder e-mail, for browser tests of the page its links open (/reminder?token=…). The API
 * schedules a reminder 24 hours before an event starts, so the event here starts 24 hours and a few seconds from now:
 * its reminder is due moments after the member RSVPs, and arrives through SMTP like any other.
 */
export interface RemindedMember {
  person: Person;
  /** The member's own API session (signed in). */
  member: APIRequestContext;
  organiser: APIRequestContext;
  eventId: string;
  title: string;
  /** The e-mail's links, as sent (on the web app's origin). */
  stillComing: string;
  cantMakeIt: string;
}

/**
 * `capacity` 1 with `waiting` set: someone else RSVPs after the member and waits for their place (to see it move up
 * when the member gives it up).
 */
export async function remindedMember(options: { capacity?: number; waiting?: { person: Person; session: APIRequestContext } } = {}): Promise<RemindedMember> {
  const organiser = await apiSession();
  const member = await apiSession();
  const person = newPerson('Remi');
  await signUpApi(organiser, newPerson('Orla'), 'LS6 1AN');
  await signUpApi(member, person, 'LS6 1AN');
  const title = `Reminder check ${uid()}`;
  // Due 15 s after it is created: enough to RSVP first.
  const startsAt = new Date(Date.now() + 24 * 3_600_000 + 15_000);
  const eventId = await createEventApi(organiser, {
    title,
    postcode: 'LS6 1AN',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    capacity: options.capacity ?? null,
  });
  await rsvpApi(member, eventId);
  if (options.waiting) await rsvpApi(options.waiting.session, eventId);
  const mail = await waitForMail(person.email, {
    dir: inject('mailDir'),
    test: (m) => (m.subject ?? '').startsWith(`Tomorrow: ${title}`),
    timeoutMs: 60_000,
  });
  const links = [...String(mail.html).matchAll(/href="(https?:\/\/[^"]+\/reminder\?token=[^"]+)"/g)].map((m) => m[1]!);
  const answerOf = (link: string) => {
    const token = new URL(link).searchParams.get('token') ?? '';
    return (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { d: { a: string } }).d.a;
  };
  const stillComing = links.find((l) => answerOf(l) === 'yes');
  const cantMakeIt = links.find((l) => answerOf(l) === 'no');
  if (!stillComing || !cantMakeIt) throw new Error(`No reminder links in the e-mail to ${person.email}:\n${mail.text}`);
  return { person, member, organiser, eventId, title, stillComing, cantMakeIt };
}
