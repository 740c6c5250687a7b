/**
 * What the campaigns and member sites pages share: a labelled field with its hint and error tied to
 * it, the error summary a failed save opens with, the anti-forgery field, the page sent whole, and the
 * admin-only gate.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConsoleEnv } from './access.js';
import { requireRole } from './session.js';
import { Page } from './layout.js';
import { t } from './text.js';

/** Field name → what is wrong with it, in the staff member's words. */
export type Problems = Record<string, string>;

export function send(c: Context<ConsoleEnv>, title: string, current: string, body: Child, status: ContentfulStatusCode = 200) {
  const page = (
    <Page title={title} staff={c.var.staff} csrfToken={c.var.csrfToken} current={current}>
      {body}
    </Page>
  );
  return c.html(`<!doctype html>${page}`, status);
}

/** What only an admin may open or change: refused before the handler, and nothing changed (the route table says so). */
export const adminOnly = requireRole('admin', t('campaigns.common.forbidden'));

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

/** The form's fields as text: what a browser posts (files never expected here). */
export async function formText(c: Context<ConsoleEnv>): Promise<(name: string) => string> {
  const body = await c.req.parseBody();
  return (name) => {
    const value = body[name];
    return typeof value === 'string' ? value.trim() : '';
  };
}

interface FieldProps {
  id: string;
  label: string;
  value?: string;
  type?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Extra input attributes: autocomplete, inputmode, maxlength… */
  attrs?: Record<string, string | number | boolean>;
}

export function Field({ id, label, value, type = 'text', hint, error, required, attrs = {} }: FieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {label} {required ? <span class="required">{t('campaigns.common.required')}</span> : <span class="optional">{t('campaigns.common.optional')}</span>}
      </label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p class="error" id={`${id}-error`}>{error}</p>}
      <input id={id} name={id} type={type} value={value ?? ''} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={described} {...attrs} />
    </div>
  );
}

/** The first thing a failed save shows: each problem, linked to its field. */
export function ErrorSummary({ problems }: { problems: Problems }) {
  const entries = Object.entries(problems);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{t('campaigns.common.errorSummary')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the last action did, said once the page loads after its redirect. */
export function Done({ message }: { message?: string | undefined }) {
  return message ? <p class="done" role="status">{message}</p> : null;
}

export const isEmail = (text: string) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(text) && text.length <= 254;
