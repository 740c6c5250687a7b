/**
 * Stripe's documented test cards (https://docs.stripe.com/testing), and what each one does.
 * The outcomes are Stripe's: a decline carries Stripe's code, decline_code and message.
 */

export interface Decline {
  code: string;
  decline_code?: string;
  message: string;
}

export interface TestCard {
  number: string;
  brand: 'visa' | 'mastercard' | 'amex' | 'discover';
  funding: 'credit' | 'debit';
  decline?: Decline;
  /** Succeeds, then the cardholder disputes the charge (Stripe's 4000000000000259). */
  disputes?: boolean;
  /** The bank asks the cardholder to authenticate (3D Secure) before it answers, when the donor is present. */
  authenticate?: boolean;
  /** Saving it (a SetupIntent, attaching it to a customer) succeeds; every charge to it is declined (Stripe's 4000000000000341). */
  savesThenDeclines?: boolean;
}

const declined = (decline_code: string, message = 'Your card was declined.'): Decline => ({
  code: 'card_declined',
  decline_code,
  message,
});

const CARDS: TestCard[] = [
  { number: '4242424242424242', brand: 'visa', funding: 'credit' },
  { number: '4000056655665556', brand: 'visa', funding: 'debit' },
  { number: '5555555555554444', brand: 'mastercard', funding: 'credit' },
  { number: '2223003122003222', brand: 'mastercard', funding: 'credit' },
  { number: '5200828282828210', brand: 'mastercard', funding: 'debit' },
  { number: '378282246310005', brand: 'amex', funding: 'credit' },
  { number: '6011111111111117', brand: 'discover', funding: 'credit' },
  { number: '4000000000000002', brand: 'visa', funding: 'credit', decline: declined('generic_decline') },
  { number: '4000000000009995', brand: 'visa', funding: 'credit', decline: declined('insufficient_funds', 'Your card has insufficient funds.') },
  { number: '4000000000009987', brand: 'visa', funding: 'credit', decline: declined('lost_card') },
  { number: '4000000000009979', brand: 'visa', funding: 'credit', decline: declined('stolen_card') },
  { number: '4000000000000069', brand: 'visa', funding: 'credit', decline: { code: 'expired_card', message: 'Your card has expired.' } },
  { number: '4000000000000127', brand: 'visa', funding: 'credit', decline: { code: 'incorrect_cvc', message: "Your card's security code is incorrect." } },
  {
    number: '4000000000000119',
    brand: 'visa',
    funding: 'credit',
    decline: { code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
  },
  { number: '4000000000000259', brand: 'visa', funding: 'credit', disputes: true },
  { number: '4000000000000341', brand: 'visa', funding: 'credit', decline: declined('generic_decline'), savesThenDeclines: true },
  { number: '4000002500003155', brand: 'visa', funding: 'credit', authenticate: true },
  { number: '4000002760003184', brand: 'visa', funding: 'credit', authenticate: true },
  { number: '4000000000003220', brand: 'visa', funding: 'credit', authenticate: true },
];

/** Stripe's test PaymentMethod ids stand for a card number. */
const PAYMENT_METHOD_TOKENS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  tok_visa: '4242424242424242',
  pm_card_visa_debit: '4000056655665556',
  pm_card_mastercard: '5555555555554444',
  pm_card_amex: '378282246310005',
  pm_card_chargeDeclined: '4000000000000002',
  tok_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedLostCard: '4000000000009987',
  pm_card_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_createDispute: '4000000000000259',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_threeDSecure2Required: '4000000000003220',
};

export function cardForToken(token: string): string | undefined {
  return PAYMENT_METHOD_TOKENS[token];
}

/** The Luhn checksum every real card number passes; Stripe answers incorrect_number otherwise. */
export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return number.length >= 12 && sum % 10 === 0;
}

function brandOf(number: string): TestCard['brand'] {
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^6/.test(number)) return 'discover';
  return 'visa';
}

/**
 * Any Luhn-valid number not in Stripe's list behaves like a plain successful card, so a person trying
 * the demo with another test number still gets somewhere sensible.
 */
export function lookupCard(rawNumber: string): TestCard | { invalid: Decline } {
  const number = rawNumber.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
    return { invalid: { code: 'incorrect_number', message: 'Your card number is incorrect.' } };
  }
  return CARDS.find((card) => card.number === number) ?? { number, brand: brandOf(number), funding: 'credit' };
}
