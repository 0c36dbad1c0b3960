import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const font = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const brand = '#b3002d';

export const styles = {
  text: { margin: '0 0 16px', fontFamily: font, fontSize: '16px', lineHeight: '1.5', color: '#1b1b1b' },
  small: { margin: '0 0 8px', fontFamily: font, fontSize: '13px', lineHeight: '1.5', color: '#4a4a4a' },
  link: { color: brand, textDecoration: 'underline' },
  box: { margin: '0 0 16px', padding: '12px 16px', border: '1px solid #d0d0d0', borderRadius: '4px' },
} as const;

export interface LayoutProps {
  /** The heading, also the HTML title. */
  title: string;
  /** The line mail apps show after the subject. */
  preview: string;
  children: ReactNode;
  /** Why the member gets this, and (for non-essential mail) how to stop it. */
  footer: FooterLinks;
}

export interface FooterLinks {
  reason: string;
  preferencesUrl?: string;
  unsubscribeUrl?: string;
  unsubscribeLabel?: string;
}

/** One accessible column: real text, a language, a heading, buttons that are links with words. */
export function Layout({ title, preview, children, footer }: LayoutProps) {
  return (
    <Html lang="en-GB" dir="ltr">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ margin: 0, padding: '24px 12px', backgroundColor: '#ffffff' }}>
        <Container style={{ maxWidth: '560px' }}>
          <Text style={{ ...styles.small, fontWeight: 'bold', color: brand, letterSpacing: '0.04em' }}>RALLYPOINT</Text>
          <Heading as="h1" style={{ fontFamily: font, fontSize: '22px', lineHeight: '1.3', color: '#1b1b1b', margin: '0 0 16px' }}>
            {title}
          </Heading>
          {children}
          <Hr style={{ borderColor: '#d0d0d0', margin: '32px 0 16px' }} />
          <Text style={styles.small}>{footer.reason}</Text>
          {footer.preferencesUrl || footer.unsubscribeUrl ? (
            <Text style={styles.small}>
              {footer.preferencesUrl ? (
                <Link href={footer.preferencesUrl} style={styles.link}>
                  Choose which e-mails you get
                </Link>
              ) : null}
              {footer.preferencesUrl && footer.unsubscribeUrl ? ' · ' : null}
              {footer.unsubscribeUrl ? (
                <Link href={footer.unsubscribeUrl} style={styles.link}>
                  {footer.unsubscribeLabel ?? 'Unsubscribe'}
                </Link>
              ) : null}
            </Text>
          ) : null}
          <Text style={styles.small}>Rallypoint: events near you, lifts to marginal seats.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** The main action: a button, then the address written out for mail apps that hide buttons. */
export function Action({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button
        href={href}
        style={{ backgroundColor: brand, color: '#ffffff', fontFamily: font, fontSize: '16px', fontWeight: 'bold', padding: '12px 20px', borderRadius: '4px' }}
      >
        {children}
      </Button>
      <Text style={{ ...styles.small, marginTop: '12px', wordBreak: 'break-all' }}>
        Or copy this address into your browser: {href}
      </Text>
    </Section>
  );
}

/** A secondary action as a plain link. */
export function A({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={styles.link}>
      {children}
    </Link>
  );
}

/** The facts of an event: what, when (London time), where. */
export function EventFacts({ title, when, where, url }: { title: string; when: string; where: string; url: string }) {
  return (
    <Section style={styles.box}>
      <Text style={{ ...styles.text, fontWeight: 'bold', margin: '0 0 4px' }}>{title}</Text>
      <Text style={{ ...styles.text, margin: '0 0 4px' }}>{when}</Text>
      <Text style={{ ...styles.text, margin: '0 0 8px' }}>{where}</Text>
      <Text style={{ ...styles.small, margin: 0 }}>
        <A href={url}>Open the event page</A>
      </Text>
    </Section>
  );
}
