import { mintAccountLink } from '../../accounts/tokens.ts';
import { defineTemplate } from '../template.ts';
import { A, Action, Layout, P } from './layout.tsx';

/** The link's secret is minted as the e-mail leaves (see accounts/tokens.ts); a link already superseded is not sent. */
export const verifyEmail = defineTemplate<{ tokenId: string; validHours: number; repeated?: boolean }>({
  category: 'account',
  async prepare({ db, config, recipient, footer }, { tokenId, validHours, repeated }) {
    if (recipient.emailVerifiedAt) return null;
    const token = await mintAccountLink(db, tokenId, 'VERIFY_EMAIL');
    if (!token) return null;
    const link = `${config.publicUrl}/signup/confirm?token=${encodeURIComponent(token)}`;
    const title = 'Confirm your e-mail address';
    return {
      subject: 'Confirm your Rallypoint account',
      element: (
        <Layout title={title} preview="One click to confirm your address." footer={footer}>
          <P>Hello {recipient.firstName},</P>
          <P>
            {repeated
              ? 'Someone (probably you) has just signed up again with this address, whose account is not confirmed yet. Here is its confirmation link again; any older link no longer works.'
              : 'Thank you for joining Rallypoint. Confirm that this is your address to publish events and offer lifts. You can already RSVP and ask for lifts.'}
          </P>
          <P>To confirm, open the link and enter the password you chose when you signed up.</P>
          <Action href={link}>Confirm my address</Action>
          <P>
            If you do not know the password this account was created with (someone else may have signed up with your
            address), do not use the link: <A href={`${config.publicUrl}/forgot-password`}>choose a new password</A>{' '}
            instead. That confirms your address and signs everyone else out.
          </P>
          <P>The link works once and for {validHours} hours. If you did not sign up, ignore this e-mail.</P>
        </Layout>
      ),
    };
  },
});

export const signUpExisting = defineTemplate<Record<string, never>>({
  category: 'account',
  async prepare({ config, recipient, footer }) {
    const title = 'Someone tried to sign up with your address';
    return {
      subject: title,
      element: (
        <Layout title={title} preview="Your account is unchanged." footer={footer}>
          <P>Hello {recipient.firstName},</P>
          <P>Someone just tried to create a Rallypoint account with this e-mail address, which already has one.</P>
          <P>If it was you, you do not need a new account: sign in instead.</P>
          <Action href={`${config.publicUrl}/signin`}>Sign in</Action>
          <P>
            Forgotten your password? <A href={`${config.publicUrl}/forgot-password`}>Choose a new one</A>. If it was not
            you, ignore this e-mail: nothing has changed in your account.
          </P>
        </Layout>
      ),
    };
  },
});

export const passwordReset = defineTemplate<{ tokenId: string; validMinutes: number }>({
  category: 'account',
  async prepare({ db, config, recipient, footer }, { tokenId, validMinutes }) {
    const token = await mintAccountLink(db, tokenId, 'RESET_PASSWORD');
    if (!token) return null;
    const link = `${config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    const title = 'Choose a new password';
    return {
      subject: 'Reset your Rallypoint password',
      element: (
        <Layout title={title} preview={`The link works once, for ${validMinutes} minutes.`} footer={footer}>
          <P>Hello {recipient.firstName},</P>
          <P>Someone asked to reset the password of your Rallypoint account. If it was you, choose a new one here:</P>
          <Action href={link}>Choose a new password</Action>
          <P>
            The link works once and for {validMinutes} minutes. Choosing a new password signs you out everywhere else. If
            you did not ask, ignore this e-mail: your password stays as it is.
          </P>
        </Layout>
      ),
    };
  },
});
