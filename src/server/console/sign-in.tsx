/**
 * Signing in with a passkey: the page (the browser's passkey autofill on the email field, and a
 * button), the challenge, and its answer checked against the passkey the ledger keeps. Nothing here
 * needs a session; each step comes from the console's own origin and is rate-limited per address.
 * Signing out is the one step that does (index.ts mounts it behind the session).
 */
import { Hono } from 'hono';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import type { ConsoleLimits } from './limits.js';
import type { RelyingParty } from './origin.js';
import { ConsoleRefusal } from './refusal.js';
import { clearSessionCookie, consolePath, requireOwnOrigin, sessionIdOf, setSessionCookie } from './session.js';
import { t } from './text.js';

/** The body of a passkey step, as far as it is an object: the library checks the rest. */
export async function jsonBody(c: { req: { json(): Promise<unknown> } }): Promise<Record<string, unknown>> {
  const body = await c.req.json().catch(() => undefined);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ConsoleRefusal('request_invalid');
  return body as Record<string, unknown>;
}

export function signInRoutes({ ledger }: Services, rp: RelyingParty, limits: ConsoleLimits) {
  const ownOrigin = requireOwnOrigin(rp.origin);

  return new Hono<ConsoleEnv>()
    .get('/sign-in', async (c) => {
      const id = sessionIdOf(c);
      const next = consolePath(c.req.query('next'));
      if (id && (await ledger.staff.session(id))) return c.redirect(next, 303);
      const signedOut = c.req.query('signed-out') !== undefined;
      return c.html(
        <Page title={t('signIn.title')}>
          {signedOut && <p role="status">{t('signIn.signedOut')}</p>}
          <p>{t('signIn.intro')}</p>
          <noscript>
            <p>{t('passkey.needsScript')}</p>
          </noscript>
          <form
            id="sign-in"
            class="passkey"
            data-next={next}
            data-origin={rp.origin}
            data-wrong-origin={t('passkey.wrongOrigin', { origin: rp.origin })}
            data-unsupported={t('passkey.unsupported')}
            data-cancelled={t('passkey.cancelled')}
            data-failed={t('passkey.failed')}
            data-working={t('signIn.working')}
          >
            <div class="field">
              <label for="email">{t('signIn.email')}</label>
              <p class="hint" id="email-hint">
                {t('signIn.emailHint')}
              </p>
              <input id="email" name="email" type="email" autocomplete="username webauthn" aria-describedby="email-hint" spellcheck={false} />
            </div>
            <button type="submit">{t('signIn.button')}</button>
          </form>
          <p id="status" class="status" role="status" aria-live="polite"></p>
          <p class="hint">{t('signIn.lost')}</p>
          <script type="module" src="/console/assets/sign-in.js"></script>
        </Page>,
      );
    })
    .post('/sign-in/options', ownOrigin, limits.challenges, async (c) => {
      const options = await generateAuthenticationOptions({ rpID: rp.rpID, userVerification: 'preferred', allowCredentials: [] });
      await ledger.staff.saveChallenge(options.challenge, 'sign_in');
      return c.json({ options });
    })
    .post('/sign-in/verify', ownOrigin, limits.attempts, async (c) => {
      const body = await jsonBody(c);
      const response = body.response as AuthenticationResponseJSON | undefined;
      if (!response || typeof response !== 'object' || typeof response.id !== 'string') throw new ConsoleRefusal('request_invalid');
      const passkey = await ledger.staff.passkey(response.id);
      if (!passkey) throw new ConsoleRefusal('passkey_unknown');
      // A discoverable passkey names whose it is: it must be the staff member the ledger has for it.
      if (response.response?.userHandle !== undefined && response.response.userHandle !== passkey.userHandle) throw new ConsoleRefusal('passkey_refused');
      let challengeKnown = false;
      const verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: async (challenge) => (challengeKnown = await ledger.staff.takeChallenge(challenge, 'sign_in')),
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        credential: { id: passkey.id, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter, transports: passkey.transports as never },
        requireUserVerification: false,
      }).catch(() => undefined);
      if (!verified?.verified) throw new ConsoleRefusal(challengeKnown ? 'passkey_refused' : 'challenge_expired');
      const sessionId = await ledger.staff.signIn(passkey, verified.authenticationInfo.newCounter);
      // Ended sessions and unanswered challenges are cleared now and then: at each sign-in is often enough.
      await ledger.staff.sweep();
      setSessionCookie(c, sessionId);
      return c.json({ next: consolePath(typeof body.next === 'string' ? body.next : undefined) });
    });
}

/** POST /console/sign-out, behind the session and its token: the session ends in the ledger, not only in this browser. */
export function signOutRoutes({ ledger }: Services) {
  return new Hono<ConsoleEnv>().post('/sign-out', async (c) => {
    const id = sessionIdOf(c);
    if (id) await ledger.staff.endSession(id);
    clearSessionCookie(c);
    return c.redirect('/console/sign-in?signed-out', 303);
  });
}
