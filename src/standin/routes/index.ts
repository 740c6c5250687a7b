import { balanceRoutes } from './balance.js';
import { billingRoutes } from './billing.js';
import { customerRoutes } from './customers.js';
import { moneyRoutes } from './money-movements.js';
import { paymentIntentRoutes } from './payment-intents.js';
import { productRoutes } from './products.js';
import type { Route } from './route.js';
import { setupIntentRoutes } from './setup-intents.js';
import { subscriptionRoutes } from './subscriptions.js';

export const routes: Route[] = [
  ...paymentIntentRoutes,
  ...setupIntentRoutes,
  ...customerRoutes,
  ...productRoutes,
  ...subscriptionRoutes,
  ...billingRoutes,
  ...moneyRoutes,
  ...balanceRoutes,
];

export type { ApiCall, Route } from './route.js';
