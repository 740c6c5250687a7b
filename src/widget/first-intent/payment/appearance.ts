/** The Payment Element dressed like the rest of the form: Stripe's Appearance API from `--mira-*`. */
import type { Appearance, StripeElementLocale } from '@stripe/stripe-js';
import type { Language } from '../../../core/locale.js';

/**
 * Stripe's variable ← the element's custom properties: the public one a page sets, then the
 * element's resolved internal one (which carries the element's default). Unset leaves Stripe's.
 */
const VARIABLES = {
  colorPrimary: ['--mira-brand', '--_brand'],
  colorText: ['--mira-text', '--_text'],
  colorBackground: ['--mira-background', '--_background'],
  colorDanger: ['--mira-error', '--_error'],
  borderRadius: ['--mira-radius', '--_radius'],
} as const;

export function appearanceFrom(host: Element): Appearance {
  const style = getComputedStyle(host);
  const variables: Record<string, string> = {};
  for (const [variable, properties] of Object.entries(VARIABLES)) {
    const value = properties.map((property) => style.getPropertyValue(property).trim()).find(Boolean);
    if (value) variables[variable] = value;
  }
  // The form inherits the host page's font; Stripe's iframe cannot inherit, so it is told.
  if (style.fontFamily) variables.fontFamily = style.fontFamily;
  return { theme: 'stripe', variables };
}

export function stripeLocale(language: Language): StripeElementLocale {
  return language === 'pt' ? 'pt-BR' : language;
}
