/**
 * The enrolment page: the invitation's token from the link's fragment (taken out of the address bar
 * at once, so it stays in no history), who it is for, and the button that makes the passkey.
 */
import { browserSupportsWebAuthn, startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { atConsoleOrigin, ceremonyFailed, post, say } from './passkey.js';

const form = document.getElementById('enrol') as HTMLFormElement;
const token = location.hash.slice(1);
if (token) history.replaceState(null, '', location.pathname);

interface Options {
  options: PublicKeyCredentialCreationOptionsJSON;
  name: string;
  email: string;
  role: string;
}

async function start(): Promise<void> {
  if (!browserSupportsWebAuthn()) return say(form.dataset.unsupported!, true);
  if (!atConsoleOrigin(form)) return;
  if (!token) return say(form.dataset.noToken!, true);
  // Each press asks for a fresh challenge: one answered or run out is never asked again.
  const options = async () => {
    const answer = await post<Options>('/console/enrol/options', { token });
    if (!answer.ok) say(answer.body.error?.message ?? form.dataset.failed!, true);
    return answer.ok ? answer.body : undefined;
  };
  const first = await options();
  if (!first) return;
  document.getElementById('enrol-for')!.textContent = form.dataset.for!.replace('{name}', first.name).replace('{email}', first.email).replace('{role}', first.role);
  form.hidden = false;
  let ready: Options | undefined = first;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const asked = ready ?? (await options());
    ready = undefined;
    if (!asked) return;
    say(form.dataset.working!);
    const response = await startRegistration({ optionsJSON: asked.options }).catch((error) => ceremonyFailed(form, error));
    if (!response) return;
    const answer = await post<{ next: string }>('/console/enrol/verify', { token, response });
    if (answer.ok) location.assign(answer.body.next);
    else say(answer.body.error?.message ?? form.dataset.failed!, true);
  });
}

void start();
