/** The balance: balance transactions (listed by payout, source or type) and payouts. */
import { noSuchObject } from '../errors.js';
import { expandPaths, str } from '../params.js';
import type { Context } from '../context.js';
import type { StripeObject } from '../store.js';
import { paginate } from './list.js';
import { route } from './route.js';

function find(ctx: Context, id: string, type: string): StripeObject {
  const found = ctx.store.get(id, type);
  if (!found) throw noSuchObject(type, id);
  return found;
}

export const balanceRoutes = [
  route('GET', '/v1/balance_transactions', (call) => {
    const payout = str(call.params, 'payout');
    const source = str(call.params, 'source');
    const type = str(call.params, 'type');
    const matching = call.ctx.store
      .all('balance_transaction')
      .filter((t) => (!payout || t._payout === payout) && (!source || t.source === source) && (!type || t.type === type));
    return paginate(call, '/v1/balance_transactions', matching);
  }),
  route('GET', '/v1/balance_transactions/:id', ({ ctx, params, ids }) => ctx.store.render(find(ctx, ids[0]!, 'balance_transaction'), expandPaths(params))),
  route('GET', '/v1/payouts', (call) => {
    const status = str(call.params, 'status');
    return paginate(call, '/v1/payouts', call.ctx.store.all('payout').filter((p) => !status || p.status === status));
  }),
  route('GET', '/v1/payouts/:id', ({ ctx, params, ids }) => ctx.store.render(find(ctx, ids[0]!, 'payout'), expandPaths(params))),
];
