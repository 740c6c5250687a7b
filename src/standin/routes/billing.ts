/** `/v1/invoices` and `/v1/invoice_payments`: read, and paying an open invoice; invoices come from subscriptions. */
import { noSuchObject } from '../errors.js';
import { expandPaths, obj, onlyKnown, str } from '../params.js';
import { payInvoice } from '../subscriptions.js';
import { paginate } from './list.js';
import { route } from './route.js';

export const billingRoutes = [
  route('GET', '/v1/invoices', (call) => {
    const subscription = str(call.params, 'subscription');
    const customer = str(call.params, 'customer');
    const found = call.ctx.store
      .all('invoice')
      .filter((i) => (!subscription || i.parent?.subscription_details?.subscription === subscription) && (!customer || i.customer === customer));
    return paginate(call, '/v1/invoices', found);
  }),

  route('GET', '/v1/invoices/:id', ({ ctx, params, ids }) => {
    const invoice = ctx.store.get(ids[0]!, 'invoice');
    if (!invoice) throw noSuchObject('invoice', ids[0]!);
    return ctx.store.render(invoice, expandPaths(params));
  }),

  route('POST', '/v1/invoices/:id/pay', ({ ctx, params, ids }) => {
    onlyKnown(params, ['expand', 'forgive', 'mandate', 'off_session', 'paid_out_of_band', 'payment_method', 'source']);
    const invoice = ctx.store.get(ids[0]!, 'invoice');
    if (!invoice) throw noSuchObject('invoice', ids[0]!);
    return ctx.store.render(payInvoice(ctx, invoice, str(params, 'payment_method')), expandPaths(params));
  }),

  route('GET', '/v1/invoice_payments', (call) => {
    const invoice = str(call.params, 'invoice');
    const payment = obj(call.params, 'payment');
    const intent = payment ? str(payment, 'payment_intent') : undefined;
    const status = str(call.params, 'status');
    const found = call.ctx.store
      .all('invoice_payment')
      .filter((p) => (!invoice || p.invoice === invoice) && (!intent || p.payment.payment_intent === intent) && (!status || p.status === status));
    return paginate(call, '/v1/invoice_payments', found);
  }),

  route('GET', '/v1/invoice_payments/:id', ({ ctx, params, ids }) => {
    const payment = ctx.store.get(ids[0]!, 'invoice_payment');
    if (!payment) throw noSuchObject('invoice_payment', ids[0]!);
    return ctx.store.render(payment, expandPaths(params));
  }),
];
