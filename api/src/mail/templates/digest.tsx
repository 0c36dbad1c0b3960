import { encodeGlobalID } from '@pothos/plugin-relay';
import { Section, Text } from '@react-email/components';
import { EVENT_KIND_LABELS, type EventKind, formatDistanceKm, formatEventTime } from '@rallypoint/shared';
import { DIGEST_RADIUS_KM, digestFor } from '../../digest/service.ts';
import { defineTemplate } from '../template.ts';
import { A, Layout, P, styles } from './layout.tsx';

/**
 * The new-events digest (digest/service.ts queues it): public events published near the member's home area in the
 * window the job carries, nearest first. Skipped (null) when there are none, so nobody gets an empty digest.
 */
export const newEventsDigest = defineTemplate<{ since: string; until: string }>({
  category: 'digest',
  async prepare({ db, config, recipient, footer }, { since, until }) {
    const content = await digestFor(db, recipient.id, new Date(since), new Date(until));
    if (!content || content.events.length === 0) return null;
    const { area, events, more } = content;
    const n = events.length;
    const title = `${more ? `${n}+` : n} new ${n === 1 && !more ? 'event' : 'events'} near ${area}`;
    const nearUrl = `${config.publicUrl}/near/${encodeURIComponent(area.replace(/\s+/g, ''))}`;
    return {
      subject: title,
      element: (
        <Layout title={title} preview={events.map((e) => e.title).slice(0, 3).join(' · ')} footer={footer}>
          <P>Hello {recipient.firstName},</P>
          <P>
            {n === 1 && !more ? 'This event was' : 'These events were'} published since your last digest, within{' '}
            {DIGEST_RADIUS_KM} km of {area}. Nearest first:
          </P>
          {events.map((e) => (
            <Section key={e.id} style={styles.box}>
              <Text style={{ ...styles.text, fontWeight: 'bold', margin: '0 0 4px' }}>
                <A href={`${config.publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', e.id))}`}>{e.title}</A>
              </Text>
              <Text style={{ ...styles.text, margin: '0 0 4px' }}>
                {EVENT_KIND_LABELS[e.kind as EventKind] ?? e.kind} · {formatEventTime(e.startsAt, e.endsAt)} (UK time)
              </Text>
              <Text style={{ ...styles.small, margin: 0 }}>
                {e.venueName ? `${e.venueName}, ${e.areaLabel}` : `${e.areaLabel} area`} · {formatDistanceKm(e.distanceKm)} away
              </Text>
            </Section>
          ))}
          <P>
            {more ? 'There are more new events near you than fit here: ' : 'Looking for something else? '}
            <A href={nearUrl}>see every event near {area}</A>.
          </P>
        </Layout>
      ),
    };
  },
});
