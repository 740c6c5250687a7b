/** What a donor types into the card form, checked the way the Payment Element checks it before a submit. */

export interface CardValues {
  number: string;
  expiry: string;
  cvc: string;
  postalCode: string;
}

export type CardField = keyof CardValues;

/** Stripe's validation_error codes, per field. */
export type CardErrors = Partial<Record<CardField, string>>;

export function digits(value: string): string {
  return value.replace(/\D/g, '');
}

function isAmex(number: string): boolean {
  return /^3[47]/.test(number);
}

/** "4242424242424242" → "4242 4242 4242 4242" (Amex: 4-6-5), as the donor types. */
export function formatCardNumber(value: string): string {
  const number = digits(value).slice(0, 19);
  if (isAmex(number)) return [number.slice(0, 4), number.slice(4, 10), number.slice(10, 15)].filter(Boolean).join(' ');
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** "1234" → "12 / 34"; a lone "4" becomes "04 / " since no month starts with 4. */
export function formatExpiry(value: string): string {
  let d = digits(value).slice(0, 4);
  if (d.length === 1 && Number(d) > 1) d = `0${d}`;
  return d.length > 2 ? `${d.slice(0, 2)} / ${d.slice(2)}` : d;
}

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let n = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

export function expiryParts(expiry: string): { month: number; year: number } | undefined {
  const d = digits(expiry);
  if (d.length !== 4) return undefined;
  return { month: Number(d.slice(0, 2)), year: 2000 + Number(d.slice(2)) };
}

export function validateCard(values: CardValues, now = new Date()): CardErrors {
  const errors: CardErrors = {};
  const number = digits(values.number);
  const wanted = isAmex(number) ? 15 : 16;
  if (number.length < wanted) errors.number = 'incomplete_number';
  else if (!luhn(number)) errors.number = 'invalid_number';

  const expiry = expiryParts(values.expiry);
  if (!expiry) errors.expiry = 'incomplete_expiry';
  else if (expiry.month < 1 || expiry.month > 12) errors.expiry = 'invalid_expiry_month';
  else if (expiry.year < now.getFullYear() || (expiry.year === now.getFullYear() && expiry.month < now.getMonth() + 1)) {
    errors.expiry = 'invalid_expiry_year_past';
  }

  if (digits(values.cvc).length < (isAmex(number) ? 4 : 3)) errors.cvc = 'incomplete_cvc';
  if (values.postalCode.trim().length < 3) errors.postalCode = 'incomplete_zip';
  return errors;
}
