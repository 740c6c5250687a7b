/**
 * What the gift pages share: money and days as the treasurer reads them, links to the Stripe
 * Dashboard in the endpoint's mode, the treasurer-only guard, and the page for a refusal.
 */
import type { Context } from 'hono';
import { formatMoney, minorDigits, parseAmount } from '../../core/money.js';
import type { Mode } from '../../core/api.js';
import type { ConsoleEnv } from './access.js';
import { requireRole } from './session.js';
import { Page } from './layout.js';
import { t } from './text.js';

export const money = (minor: number, currency: string) => formatMoney(minor, currency, 'en');
/** "102.56": an amount as a spreadsheet or a donor database reads it, in the currency's major unit. */
export const plainAmount = (minor: number, currency: string) => {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const whole = Math.abs(minor);
  return digits ? `${sign}${Math.floor(whole / 10 ** digits)}.${String(whole % 10 ** digits).padStart(digits, '0')}` : `${sign}${whole}`;
};
export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
export const isDay = (text: unknown): text is string => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

/** An amount typed in the console, in the currency's major unit ("250", "250.00"); undefined when it is not one. */
export function typedAmount(text: unknown, currency: string): number | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  const parsed = parseAmount(text, currency, 'en');
  return parsed.ok && parsed.minor > 0 ? parsed.minor : undefined;
}

const DASHBOARD_PATHS: Array<[RegExp, string]> = [
  [/^pi_/, 'payments'],
  [/^ch_/, 'payments'],
  [/^in_/, 'invoices'],
  [/^sub_/, 'subscriptions'],
  [/^cus_/, 'customers'],
  [/^po_/, 'payouts'],
  [/^re_/, 'refunds'],
  [/^du_/, 'disputes'],
];

/** The object's page in Stripe's Dashboard, in test or live mode; none in demo mode (the stand-in has no dashboard). */
export function dashboardUrl(id: string | null | undefined, mode: Mode): string | undefined {
  if (!id || mode === 'demo') return undefined;
  const path = DASHBOARD_PATHS.find(([prefix]) => prefix.test(id))?.[1];
  return path && `https://dashboard.stripe.com/${mode === 'test' ? 'test/' : ''}${path}/${encodeURIComponent(id)}`;
}

export function StripeLink({ id, mode }: { id: string | null | undefined; mode: Mode }) {
  if (!id) return <span>–</span>;
  const href = dashboardUrl(id, mode);
  return href ? (
    <a href={href} rel="noopener noreferrer" target="_blank">
      {id}
      <span class="visually-hidden"> {t('gifts.opensDashboard')}</span>
    </a>
  ) : (
    <code>{id}</code>
  );
}

export function refuse(c: Context<ConsoleEnv>, status: 400 | 403 | 404, message: string) {
  return c.html(
    <Page title={t(status === 404 ? 'gifts.error.notFound' : status === 403 ? 'gifts.error.forbidden' : 'gifts.error.invalid')} staff={c.var.staff} csrfToken={c.var.csrfToken}>
      <p role="alert">{message}</p>
    </Page>,
    status,
  );
}

/** Treasurer actions (and what only a treasurer may read): the route table says so (requireRole), in the gift pages' words. */
export const treasurerOnly = requireRole('treasurer', t('gifts.error.treasurerOnly'));

/** A form's fields as strings (files and repeated fields are not used by these forms). */
export async function formOf(c: Context<ConsoleEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}

export function Errors({ errors }: { errors: string[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" class="error-summary">
      <h2>{t('gifts.error.heading')}</h2>
      <ul>
        {errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}
