/**
 * Every string the Payment Element stand-in shows or announces, in the three languages the widget
 * speaks. Decline messages follow Stripe.js, which localizes card errors into the Elements locale.
 */

export type Lang = 'en' | 'es' | 'pt-BR';

export interface Messages {
  /** Says what the form is, not what it charges: the widget's own notice tells the donor no real payment is taken. */
  marker: string;
  testHint: string;
  cardNumber: string;
  expiry: string;
  expiryPlaceholder: string;
  cvc: string;
  postalCode: string;
  errors: Record<string, string>;
  declines: Record<string, string>;
}

const en: Messages = {
  marker: 'Card form stand-in (demo)',
  testHint: 'Use test card 4242 4242 4242 4242, any future date and any CVC. 4000 0000 0000 0002 is declined.',
  cardNumber: 'Card number',
  expiry: 'Expiration date',
  expiryPlaceholder: 'MM / YY',
  cvc: 'Security code',
  postalCode: 'ZIP code',
  errors: {
    incomplete_number: 'Your card number is incomplete.',
    invalid_number: 'Your card number is invalid.',
    incomplete_expiry: "Your card's expiration date is incomplete.",
    invalid_expiry_month: "Your card's expiration month is invalid.",
    invalid_expiry_year_past: "Your card's expiration year is in the past.",
    incomplete_cvc: "Your card's security code is incomplete.",
    incomplete_zip: 'Your ZIP code is incomplete.',
  },
  declines: {
    generic_decline: 'Your card was declined.',
    insufficient_funds: 'Your card has insufficient funds.',
    expired_card: 'Your card has expired.',
    incorrect_cvc: "Your card's security code is incorrect.",
    incorrect_number: 'Your card number is incorrect.',
    processing_error: 'An error occurred while processing your card. Try again in a little bit.',
    api_connection_error: 'We could not reach the payment service. Check your connection and try again.',
  },
};

const es: Messages = {
  marker: 'Simulación del formulario de tarjeta (demo)',
  testHint: 'Usa la tarjeta de prueba 4242 4242 4242 4242, cualquier fecha futura y cualquier CVC. La 4000 0000 0000 0002 se rechaza.',
  cardNumber: 'Número de tarjeta',
  expiry: 'Fecha de vencimiento',
  expiryPlaceholder: 'MM / AA',
  cvc: 'Código de seguridad',
  postalCode: 'Código postal',
  errors: {
    incomplete_number: 'El número de tu tarjeta está incompleto.',
    invalid_number: 'El número de tu tarjeta no es válido.',
    incomplete_expiry: 'La fecha de vencimiento de tu tarjeta está incompleta.',
    invalid_expiry_month: 'El mes de vencimiento de tu tarjeta no es válido.',
    invalid_expiry_year_past: 'El año de vencimiento de tu tarjeta ya pasó.',
    incomplete_cvc: 'El código de seguridad de tu tarjeta está incompleto.',
    incomplete_zip: 'Tu código postal está incompleto.',
  },
  declines: {
    generic_decline: 'Tu tarjeta fue rechazada.',
    insufficient_funds: 'Tu tarjeta no tiene fondos suficientes.',
    expired_card: 'Tu tarjeta está vencida.',
    incorrect_cvc: 'El código de seguridad de tu tarjeta es incorrecto.',
    incorrect_number: 'El número de tu tarjeta es incorrecto.',
    processing_error: 'Ocurrió un error al procesar tu tarjeta. Vuelve a intentarlo en unos momentos.',
    api_connection_error: 'No pudimos comunicarnos con el servicio de pago. Revisa tu conexión e inténtalo de nuevo.',
  },
};

const ptBR: Messages = {
  marker: 'Simulação do formulário de cartão (demo)',
  testHint: 'Use o cartão de teste 4242 4242 4242 4242, qualquer data futura e qualquer CVC. O 4000 0000 0000 0002 é recusado.',
  cardNumber: 'Número do cartão',
  expiry: 'Data de validade',
  expiryPlaceholder: 'MM / AA',
  cvc: 'Código de segurança',
  postalCode: 'CEP',
  errors: {
    incomplete_number: 'O número do seu cartão está incompleto.',
    invalid_number: 'O número do seu cartão é inválido.',
    incomplete_expiry: 'A data de validade do seu cartão está incompleta.',
    invalid_expiry_month: 'O mês de validade do seu cartão é inválido.',
    invalid_expiry_year_past: 'O ano de validade do seu cartão já passou.',
    incomplete_cvc: 'O código de segurança do seu cartão está incompleto.',
    incomplete_zip: 'Seu CEP está incompleto.',
  },
  declines: {
    generic_decline: 'Seu cartão foi recusado.',
    insufficient_funds: 'Seu cartão não tem saldo suficiente.',
    expired_card: 'Seu cartão está vencido.',
    incorrect_cvc: 'O código de segurança do seu cartão está incorreto.',
    incorrect_number: 'O número do seu cartão está incorreto.',
    processing_error: 'Ocorreu um erro ao processar seu cartão. Tente novamente em instantes.',
    api_connection_error: 'Não foi possível falar com o serviço de pagamento. Verifique sua conexão e tente novamente.',
  },
};

const BY_LANG: Record<Lang, Messages> = { en, es, 'pt-BR': ptBR };

/** Elements' `locale` ('auto', 'es-419', 'pt', 'pt-BR', …) to one of ours; English otherwise. */
export function langOf(locale: string | undefined): Lang {
  const wanted = !locale || locale === 'auto' ? (typeof navigator === 'undefined' ? 'en' : navigator.language) : locale;
  const lower = wanted.toLowerCase();
  if (lower.startsWith('es')) return 'es';
  if (lower.startsWith('pt')) return 'pt-BR';
  return 'en';
}

export function messagesFor(lang: Lang): Messages {
  return BY_LANG[lang];
}

/** The decline message for a card error, in the donor's language; Stripe's English when we have none. */
export function declineMessage(lang: Lang, error: { code?: string; decline_code?: string; message?: string }): string {
  const m = BY_LANG[lang].declines;
  const key = error.code === 'card_declined' ? (error.decline_code ?? 'generic_decline') : (error.code ?? '');
  return m[key] ?? (error.code === 'card_declined' ? m.generic_decline! : (error.message ?? m.generic_decline!));
}
