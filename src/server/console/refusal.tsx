/**
 * The console's refusals: a stable code, a status, and the sentence a staff member reads (from
 * locales/console/en.json). A page request gets them as a page; the passkey scripts' JSON requests
 * as `{"error": {code, message}}`, as the rest of the endpoint answers.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../errors.js';
import type { Log } from '../log.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t, type ConsoleKey } from './text.js';

export const REFUSALS = {
  signed_out: 401,
  role_too_small: 403,
  forgery_suspected: 403,
  invitation_invalid: 410,
  passkey_unknown: 400,
  passkey_refused: 400,
  challenge_expired: 400,
  request_invalid: 400,
  rate_limited: 429,
  payload_too_large: 413,
  internal_error: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type RefusalCode = keyof typeof REFUSALS;

export class ConsoleRefusal extends Error {
  readonly status: ContentfulStatusCode;
  /** `message`: what this page's refusal should say instead of the code's general sentence. */
  constructor(readonly code: RefusalCode, message?: string) {
    super(message ?? t(`refusal.${code}` as ConsoleKey));
    this.status = REFUSALS[code];
  }
}

/** The passkey ceremonies ask in JSON and want JSON back; everything else is a page. */
const wantsJson = (c: Context) => (c.req.header('content-type') ?? '').startsWith('application/json') || (c.req.header('accept') ?? '').startsWith('application/json');

export function refusalResponse(c: Context<ConsoleEnv>, refusal: ConsoleRefusal) {
  if (wantsJson(c)) return c.json({ error: { code: refusal.code, message: refusal.message } }, refusal.status);
  const staff = c.get('staff');
  const page = (
    <Page title={t(`refusal.${refusal.code}.title` as ConsoleKey)} staff={staff} csrfToken={c.get('csrfToken')}>
      <p>{refusal.message}</p>
      {refusal.code === 'signed_out' ? (
        <p>
          <a href="/console/sign-in">{t('signIn.title')}</a>
        </p>
      ) : (
        <p>
          <a href="/console">{t('refusal.back')}</a>
        </p>
      )}
    </Page>
  );
  return c.html(page, refusal.status);
}

/** Every error in the console passes here: refusals as pages (or JSON), anything else logged once and a plain 500. */
export function consoleErrors(log: Log): ErrorHandler<ConsoleEnv> {
  return (error, c) => {
    if (error instanceof ConsoleRefusal) {
      log('console_refused', { status: error.status, code: error.code, method: c.req.method, path: c.req.path });
      return refusalResponse(c, error);
    }
    if (error instanceof ApiError && error.code === 'rate_limited') return refusalResponse(c, new ConsoleRefusal('rate_limited'));
    if (error instanceof HTTPException && error.status === 413) return refusalResponse(c, new ConsoleRefusal('payload_too_large'));
    if (error instanceof HTTPException && error.status < 500) return refusalResponse(c, new ConsoleRefusal('request_invalid'));
    log('internal_error', { method: c.req.method, path: c.req.path, error: error instanceof Error ? error.message : String(error) });
    return refusalResponse(c, new ConsoleRefusal('internal_error'));
  };
}
