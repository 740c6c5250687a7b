/** How the manage page says money, dates and cards in the donor's language. */
import { intlLocale } from '../../core/locale.js';
import type { ManagedGift } from '../../core/manage-api.js';
import type { LocalizeController } from '../controllers/localize.js';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A plain ISO date (`2026-12-01`) is a calendar day, said as it is; a date-time is said in the donor's own time zone. */
export function sayDate(localize: LocalizeController, iso: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const key = `${localize.language}|${day}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(localize.language), { dateStyle: 'long', ...(day ? { timeZone: 'UTC' } : {}) });
    dateFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

export const sayMoney = (localize: LocalizeController, minor: number, currency: string) => localize.money(minor, currency, { trimWhole: true });

/** Card brands as Stripe names them (`visa`, `amex`), as people write them. */
const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  elo: 'Elo',
};

export function brandName(brand: string): string {
  return BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}

export function sayCard(localize: LocalizeController, card: ManagedGift['card']): string {
  if (!card) return localize.term('manage.gift.noCard');
  const expiry = `${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)}`;
  return localize.term('manage.gift.cardLine', { brand: brandName(card.brand), last4: card.last4, expiry });
}

/** The gift's campaign in the donor's language, else English, else its id. */
export function campaignName(localize: LocalizeController, gift: ManagedGift): string {
  return gift.campaign.name[localize.language] ?? gift.campaign.name.en ?? gift.campaign.id;
}
