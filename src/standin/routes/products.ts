/** `/v1/products`: create (with a chosen id, as the endpoint does per campaign), retrieve, update. */
import type { Context } from '../context.js';
import { invalidRequest, noSuchObject } from '../errors.js';
import type { FormObject } from '../form.js';
import { bool, expandPaths, metadata, onlyKnown, requiredStr, str } from '../params.js';
import { newId, nowSeconds, type StripeObject } from '../store.js';
import { paginate } from './list.js';
import { route } from './route.js';

const CREATE = ['id', 'name', 'active', 'description', 'expand', 'metadata', 'statement_descriptor', 'tax_code', 'unit_label', 'url'];
const UPDATE = CREATE.filter((f) => f !== 'id');

function findProduct(ctx: Context, id: string): StripeObject {
  const product = ctx.store.get(id, 'product');
  if (!product) throw noSuchObject('product', id);
  return product;
}

function applyFields(product: StripeObject, params: FormObject): void {
  for (const field of ['name', 'description', 'statement_descriptor', 'unit_label', 'url']) {
    const value = str(params, field);
    if (value !== undefined) product[field] = value || null;
  }
  const active = bool(params, 'active');
  if (active !== undefined) product.active = active;
  product.metadata = metadata(params, product.metadata);
  product.updated = nowSeconds();
}

export const productRoutes = [
  route('POST', '/v1/products', ({ ctx, params }) => {
    onlyKnown(params, CREATE);
    const name = requiredStr(params, 'name');
    const id = str(params, 'id') || newId('prod', 14);
    if (ctx.store.find(id)) throw invalidRequest('Product already exists.', 'id', 'resource_already_exists');
    const product = ctx.store.put({
      id,
      object: 'product',
      active: true,
      created: nowSeconds(),
      default_price: null,
      description: null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: {},
      name,
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: null,
      type: 'service',
      unit_label: null,
      updated: nowSeconds(),
      url: null,
    });
    applyFields(product, params);
    ctx.events.emit('product.created', product, ctx.request);
    return ctx.store.render(product, expandPaths(params));
  }),

  route('GET', '/v1/products', (call) => paginate(call, '/v1/products', call.ctx.store.all('product'))),

  route('GET', '/v1/products/:id', ({ ctx, params, ids }) => ctx.store.render(findProduct(ctx, ids[0]!), expandPaths(params))),

  route('POST', '/v1/products/:id', ({ ctx, params, ids }) => {
    onlyKnown(params, UPDATE);
    const product = findProduct(ctx, ids[0]!);
    applyFields(product, params);
    ctx.events.emit('product.updated', product, ctx.request);
    return ctx.store.render(product, expandPaths(params));
  }),
];
