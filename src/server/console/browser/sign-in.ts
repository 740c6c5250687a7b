/**
 * The sign-in page: the browser's passkey autofill on the email field where it has one (conditional
 * mediation), and the button for a passkey dialog. Both answer the same challenge route.
 */
import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { atConsoleOrigin, ceremonyFailed, post, say } from './passkey.js';

const form = document.getElementById('sign-in') as HTMLFormElement;

async function challenge(): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const answer = await post<{ options: PublicKeyCredentialRequestOptionsJSON }>('/console/sign-in/options', {});
  if (!answer.ok) say(answer.body.error?.message ?? form.dataset.failed!, true);
  return answer.ok ? answer.body.options : undefined;
}

async function finish(response: AuthenticationResponseJSON): Promise<void> {
  say(form.dataset.working!);
  const answer = await post<{ next: string }>('/console/sign-in/verify', { response, next: form.dataset.next });
  if (answer.ok) location.assign(answer.body.next);
  else say(answer.body.error?.message ?? form.dataset.failed!, true);
}

async function withDialog(): Promise<void> {
  const options = await challenge();
  if (!options) return;
  say(form.dataset.working!);
  // Starting a dialog cancels the autofill request still waiting (the library aborts it).
  const response = await startAuthentication({ optionsJSON: options }).catch((error) => ceremonyFailed(form, error));
  if (response) await finish(response);
}

async function withAutofill(): Promise<void> {
  if (!(await browserSupportsWebAuthnAutofill())) return;
  const options = await challenge();
  if (!options) return;
  const response = await startAuthentication({ optionsJSON: options, useBrowserAutofill: true }).catch((error) => ceremonyFailed(form, error));
  if (response) await finish(response);
}

if (!browserSupportsWebAuthn()) say(form.dataset.unsupported!, true);
else if (atConsoleOrigin(form)) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void withDialog();
  });
  void withAutofill();
}
