/** What every route may use, set once when the app is built. */
import type Stripe from 'stripe';
import type { Config } from './config.js';
import type { Ledger } from './ledger/ledger.js';
import type { StripeGateway } from './stripe/gateway.js';
import type { Log } from './log.js';

export interface Services {
  config: Config;
  ledger: Ledger;
  stripe: Stripe;
  gateway: StripeGateway;
  log: Log;
  /** Project root: where dist/ (the widget, and dist/demo/ the demo pages) is served from. */
  root: string;
  /** Whether the process is shutting down (readiness then answers 503); never, when not given. */
  draining?: () => boolean;
}

export interface AppEnv {
  Variables: {
    idempotencyKey: string;
    /** The donor's email, keyed-hashed (Ledger.donorHash), set once the donation validates. */
    donorHash: string;
  };
}
