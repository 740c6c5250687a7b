/**
 * Reading fields of a signed Stripe object that may not be the shape its type says (a field
 * missing, an amount sent as a string, null where an object belongs). Each reader returns the value
 * or throws InvalidField naming the field, never the value: the name goes into the event's
 * skip_reason and the log, where a value could carry personal data.
 */
import { CAMPAIGN_ID } from '../ledger/campaigns.js';
import { MAX_AMOUNT } from '../ledger/entries.js';

export class InvalidField extends Error {
  constructor(readonly field: string) {
    super(`invalid ${field}`);
  }
}

export type StripeObject = Record<string, unknown>;

export const isObject = (value: unknown): value is StripeObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Stripe ids (pi_…, in_…, re_…, du_…, sub_…) are letters, digits and underscores; what is checked is
 * what the ledger's columns can hold: printable ASCII, no spaces or control characters, 255 at most.
 */
const STRIPE_ID = /^[\x21-\x7e]{1,255}$/;
/** Our donation ids (UUIDs) as they come back in metadata. */
const DONATION_ID = /^[\x21-\x7e]{1,64}$/;
const STATUS = /^[a-z_]{1,32}$/;

export const isStripeId = (value: unknown): value is string => typeof value === 'string' && STRIPE_ID.test(value);

/** An id, or an expanded object's id. */
export function stripeId(object: StripeObject, field: string): string {
  const value = object[field];
  const id = isObject(value) ? value.id : value;
  if (!isStripeId(id)) throw new InvalidField(field);
  return id;
}

export function optionalStripeId(object: StripeObject, field: string): string | undefined {
  return object[field] === undefined || object[field] === null ? undefined : stripeId(object, field);
}

/** A whole number of minor units, as Stripe sends amounts: a JSON number, never a string. */
export function amount(object: StripeObject, field: string): number {
  const value = object[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_AMOUNT) throw new InvalidField(field);
  return value;
}

export function currency(object: StripeObject, field = 'currency'): string {
  const value = object[field];
  if (typeof value !== 'string' || !/^[a-z]{3}$/i.test(value)) throw new InvalidField(field);
  return value.toUpperCase();
}

/** A status word; Stripe documents some as nullable, which `fallback` stands in for. */
export function status(object: StripeObject, fallback?: string): string {
  const value = object.status ?? fallback;
  if (typeof value !== 'string' || !STATUS.test(value)) throw new InvalidField('status');
  return value;
}

export function child(object: StripeObject, field: string): StripeObject | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new InvalidField(field);
  return value;
}

/** A list object's items (`{object: 'list', data: [...]}`), or none when the list was not included. */
export function listItems(object: StripeObject, field: string): StripeObject[] {
  const list = child(object, field);
  if (!list) return [];
  if (!Array.isArray(list.data) || !list.data.every(isObject)) throw new InvalidField(`${field}.data`);
  return list.data;
}

/** What the endpoint wrote in metadata when it created the PaymentIntent or subscription. */
export interface GiftMetadata {
  campaign: string;
  gift: number;
  frequency: string;
  donationId?: string;
}

/** Undefined when the object carries none of our metadata: a payment made some other way. */
export function readGiftMetadata(metadata: unknown, field = 'metadata'): GiftMetadata | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (!isObject(metadata)) throw new InvalidField(field);
  const { campaign, gift, frequency, donationId } = metadata;
  if (campaign === undefined && gift === undefined) return undefined;
  if (typeof campaign !== 'string' || !CAMPAIGN_ID.test(campaign)) throw new InvalidField(`${field}.campaign`);
  // Metadata values are always strings.
  const n = typeof gift === 'string' && /^\d{1,10}$/.test(gift) ? Number(gift) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_AMOUNT) throw new InvalidField(`${field}.gift`);
  if (typeof frequency !== 'string') throw new InvalidField(`${field}.frequency`);
  if (donationId !== undefined && (typeof donationId !== 'string' || !DONATION_ID.test(donationId))) throw new InvalidField(`${field}.donationId`);
  return { campaign, gift: n, frequency, ...(donationId ? { donationId } : {}) };
}
