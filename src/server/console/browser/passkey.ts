/**
 * What the two passkey pages' scripts share: asking the console in JSON, and saying what happened
 * in the page's status line. Every sentence comes from the page (data-* attributes, written on the
 * server from locales/console/en.json), so the scripts hold no words of their own.
 */
export interface Answer<T> {
  ok: boolean;
  body: T & { error?: { code: string; message: string } };
}

export async function post<T>(path: string, body: unknown): Promise<Answer<T>> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const parsed = (await response.json().catch(() => ({}))) as Answer<T>['body'];
  return { ok: response.ok, body: parsed };
}

export function say(text: string, alert = false): void {
  const status = document.getElementById('status')!;
  status.setAttribute('role', alert ? 'alert' : 'status');
  status.textContent = text;
}

/** A browser's refusal of a ceremony: cancelled or timed out (NotAllowedError), or something else. */
export function ceremonyFailed(form: HTMLElement, error: unknown): void {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'AbortError') return;
  say(name === 'NotAllowedError' ? form.dataset.cancelled! : form.dataset.failed!, true);
}

/** Passkeys are bound to the console's one origin: at another (127.0.0.1 for localhost, say) say where to go. */
export function atConsoleOrigin(form: HTMLElement): boolean {
  if (location.origin === form.dataset.origin) return true;
  say(form.dataset.wrongOrigin!, true);
  return false;
}
