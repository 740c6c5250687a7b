/** `/v1/customers`: create, retrieve, update, list by email, and search by email or metadata. */
import type { Context } from '../context.js';
import { invalidRequest, noSuchObject } from '../errors.js';
import type { FormObject } from '../form.js';
import { expandPaths, list, metadata, obj, onlyKnown, str } from '../params.js';
import { newId, nowSeconds, type StripeObject } from '../store.js';
import { paginate } from './list.js';
import { route } from './route.js';

const FIELDS = ['address', 'description', 'email', 'expand', 'invoice_settings', 'metadata', 'name', 'payment_method', 'phone', 'preferred_locales', 'shipping', 'tax_exempt'];

function findCustomer(ctx: Context, id: string): StripeObject {
  const customer = ctx.store.get(id, 'customer');
  if (!customer) throw noSuchObject('customer', id);
  return customer;
}

function applyFields(customer: StripeObject, params: FormObject): void {
  for (const field of ['description', 'email', 'name', 'phone']) {
    const value = str(params, field);
    if (value !== undefined) customer[field] = value || null;
  }
  const locales = list(params, 'preferred_locales');
  if (locales) customer.preferred_locales = locales.map(String);
  const invoiceSettings = obj(params, 'invoice_settings');
  const defaultMethod = invoiceSettings ? str(invoiceSettings, 'default_payment_method') : undefined;
  if (defaultMethod !== undefined) customer.invoice_settings.default_payment_method = defaultMethod || null;
  customer.metadata = metadata(params, customer.metadata);
}

/** Stripe's search language, the part worth having here: `email:'x'`, `name:'x'`, `metadata['k']:'v'`, joined by AND. */
function matcher(query: string): (customer: StripeObject) => boolean {
  const clauses = query.split(/\s+AND\s+/i).map((clause) => {
    const m = /^(email|name|metadata\[['"]([^'"]+)['"]\])\s*:\s*['"](.*)['"]$/.exec(clause.trim());
    if (!m) throw invalidRequest(`The search query is not supported by the stand-in: ${clause}`, 'query');
    const [, field, metaKey, value] = m;
    return (c: StripeObject) => (metaKey ? c.metadata[metaKey] === value : c[field!] === value);
  });
  return (customer) => clauses.every((test) => test(customer));
}

export const customerRoutes = [
  route('POST', '/v1/customers', ({ ctx, params }) => {
    onlyKnown(params, FIELDS);
    const customer = ctx.store.put({
      id: newId('cus', 14),
      object: 'customer',
      address: null,
      balance: 0,
      created: nowSeconds(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      discount: null,
      email: null,
      invoice_prefix: newId('x', 8).slice(2).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: {},
      name: null,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    });
    applyFields(customer, params);
    ctx.events.emit('customer.created', customer, ctx.request);
    return ctx.store.render(customer, expandPaths(params));
  }),

  route('GET', '/v1/customers/search', (call) => {
    const query = str(call.params, 'query');
    if (!query) throw invalidRequest('Missing required param: query.', 'query', 'parameter_missing');
    const found = call.ctx.store.all('customer').filter(matcher(query));
    const page = paginate(call, '/v1/customers/search', found);
    return { object: 'search_result', data: page.data, has_more: page.has_more, next_page: null, url: '/v1/customers/search' };
  }),

  route('GET', '/v1/customers', (call) => {
    const email = str(call.params, 'email');
    const customers = call.ctx.store.all('customer').filter((c) => !email || c.email === email);
    return paginate(call, '/v1/customers', customers);
  }),

  route('GET', '/v1/customers/:id', ({ ctx, params, ids }) => ctx.store.render(findCustomer(ctx, ids[0]!), expandPaths(params))),

  route('POST', '/v1/customers/:id', ({ ctx, params, ids }) => {
    onlyKnown(params, FIELDS);
    const customer = findCustomer(ctx, ids[0]!);
    applyFields(customer, params);
    ctx.events.emit('customer.updated', customer, ctx.request);
    return ctx.store.render(customer, expandPaths(params));
  }),
];
