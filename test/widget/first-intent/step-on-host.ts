/**
 * A PaymentStep on a test host, its lifecycle forwarded as the element's payment-step controller
 * (src/widget/controllers/payment-step.ts) forwards it. Apart from fakes.ts, which the element's own
 * tests share: there the chunk must not be on the page before the donor's first intent.
 */
import { PaymentStep, type PaymentStepOptions } from '../../../src/widget/first-intent/payment/payment-step.js';
import type { PaymentHost } from './fakes.js';

export function paymentStepOn(host: PaymentHost, options: Omit<PaymentStepOptions, 'host' | 'changed'>): PaymentStep {
  const step = new PaymentStep({ host, changed: () => host.requestUpdate(), ...options });
  host.addController({ hostConnected: () => step.connect(), hostDisconnected: () => step.disconnect(), hostUpdated: () => step.mount() });
  return step;
}
