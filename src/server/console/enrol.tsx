/**
 * Enrolling a passkey from an invitation link (`/console/enrol#<token>`). The page's script reads
 * the token from the fragment (which no request carries), asks for the ceremony's options, has the
 * browser make a discoverable passkey, and sends it back with the token. The invitation is used up
 * by that answer, once; the staff member's older passkeys go, and they are signed in.
 */
import { Hono } from 'hono';
import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import type { ConsoleLimits } from './limits.js';
import type { RelyingParty } from './origin.js';
import { ConsoleRefusal } from './refusal.js';
import { requireOwnOrigin, setSessionCookie } from './session.js';
import { jsonBody } from './sign-in.js';
import { t, type ConsoleKey } from './text.js';

export function enrolRoutes({ ledger }: Services, rp: RelyingParty, limits: ConsoleLimits) {
  const ownOrigin = requireOwnOrigin(rp.origin);

  /** The invitation the body's token opens, or the refusal every bad token gets alike (used, replaced, expired or never made). */
  const invitationOf = async (body: Record<string, unknown>) => {
    const token = body.token;
    const invitation = typeof token === 'string' && /^[\w-]{20,100}$/.test(token) ? await ledger.staff.invitation(token) : undefined;
    if (!invitation) throw new ConsoleRefusal('invitation_invalid');
    return invitation;
  };

  return new Hono<ConsoleEnv>()
    .get('/enrol', (c) =>
      c.html(
        <Page title={t('enrol.title')}>
          <p>{t('enrol.intro')}</p>
          <noscript>
            <p>{t('passkey.needsScript')}</p>
          </noscript>
          <form
            id="enrol"
            class="passkey"
            data-origin={rp.origin}
            data-wrong-origin={t('passkey.wrongOrigin', { origin: rp.origin })}
            data-unsupported={t('passkey.unsupported')}
            data-cancelled={t('passkey.cancelled')}
            data-failed={t('passkey.failed')}
            data-no-token={t('enrol.noToken')}
            data-for={t('enrol.for')}
            data-working={t('enrol.working')}
            hidden
          >
            <p id="enrol-for"></p>
            <button type="submit">{t('enrol.button')}</button>
          </form>
          <p id="status" class="status" role="status" aria-live="polite"></p>
          <script type="module" src="/console/assets/enrol.js"></script>
        </Page>,
      ),
    )
    .post('/enrol/options', ownOrigin, limits.challenges, async (c) => {
      const invitation = await invitationOf(await jsonBody(c));
      const options = await generateRegistrationOptions({
        rpName: rp.rpName,
        rpID: rp.rpID,
        userName: invitation.staff.email,
        userDisplayName: invitation.staff.name,
        userID: Buffer.from(invitation.userHandle, 'base64url'),
        attestationType: 'none',
        // Discoverable, so sign-in asks for no email: the passkey says whose it is.
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
      await ledger.staff.saveChallenge(options.challenge, 'enrol', invitation.id);
      return c.json({ options, name: invitation.staff.name, email: invitation.staff.email, role: t(`role.${invitation.role}` as ConsoleKey) });
    })
    .post('/enrol/verify', ownOrigin, limits.attempts, async (c) => {
      const body = await jsonBody(c);
      const invitation = await invitationOf(body);
      const response = body.response as RegistrationResponseJSON | undefined;
      if (!response || typeof response !== 'object' || typeof response.id !== 'string') throw new ConsoleRefusal('request_invalid');
      let challengeKnown = false;
      const verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: async (challenge) => (challengeKnown = await ledger.staff.takeChallenge(challenge, 'enrol', invitation.id)),
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: false,
      }).catch(() => undefined);
      if (!verified?.verified) throw new ConsoleRefusal(challengeKnown ? 'passkey_refused' : 'challenge_expired');
      const { credential, credentialBackedUp } = verified.registrationInfo;
      const enrolled = await ledger.staff.enrol(invitation.id, {
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        ...(credential.transports ? { transports: credential.transports } : {}),
        backedUp: credentialBackedUp,
      });
      if (!enrolled) throw new ConsoleRefusal('invitation_invalid');
      setSessionCookie(c, enrolled.sessionId);
      return c.json({ next: '/console' });
    });
}
