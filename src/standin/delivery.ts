/**
 * Webhook delivery, as Stripe does it: at least once, signed, retried when the endpoint does not
 * answer 2xx. On request it also does what Stripe may do on a bad day: deliver an event twice,
 * deliver a batch out of order, or hold events back and release them together.
 */
import { seededRandom, shuffleInPlace } from './random.js';
import { signatureHeader } from './signing.js';
import type { StripeObject } from './store.js';

export interface DeliveryOptions {
  /** 0..1: chance each event is delivered a second time (1 = always twice). */
  duplicate?: number;
  /** Deliver queued events in a random order. */
  shuffle?: boolean;
  /** Queue events until release(). */
  hold?: boolean;
  /** Makes duplicate/shuffle repeatable. */
  seed?: number;
  /** Deliveries in flight at once (default 1: one after another, like a quiet Stripe account). */
  concurrency?: number;
  /** Tries per event before giving up (default 4). */
  attempts?: number;
  /** Wait before the first retry, doubled for each further one (default 25 ms). */
  retryDelayMs?: number;
}

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  attempt: number;
  /** The endpoint's HTTP status, or 0 when it could not be reached. */
  status: number;
}

export class WebhookDelivery {
  url: string | undefined;
  secret: string;
  /** Every attempt made, in order: for tests that count retries and duplicates. */
  readonly attempts: DeliveryAttempt[] = [];
  private options: Required<Omit<DeliveryOptions, 'seed'>> = {
    duplicate: 0,
    shuffle: false,
    hold: false,
    concurrency: 1,
    attempts: 4,
    retryDelayMs: 25,
  };
  private random: () => number = Math.random;
  private held: StripeObject[] = [];
  private sending: StripeObject[] = [];
  private busy = 0;
  private scheduled = false;
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(url: string | undefined, secret: string, options: DeliveryOptions = {}) {
    this.url = url;
    this.secret = secret;
    this.configure(options);
  }

  configure(options: DeliveryOptions): void {
    const { seed, ...rest } = options;
    this.options = { ...this.options, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    if (seed !== undefined) this.random = seededRandom(seed);
    if (!this.options.hold) this.schedule();
  }

  enqueue(event: StripeObject): void {
    // Stripe sends an event to the endpoints that exist when it happens; none set, none sent.
    if (!this.url || this.closed) return;
    this.held.push(event);
    if (!this.options.hold) this.schedule();
  }

  /** Sends everything held (shuffled and duplicated as configured) and waits until it is answered. */
  async release(): Promise<void> {
    this.dispatch();
    await this.settled();
  }

  settled(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.held = [];
    this.sending = [];
  }

  private isIdle(): boolean {
    const waitingToSend = !this.options.hold && this.held.length > 0;
    return !this.scheduled && !waitingToSend && this.sending.length === 0 && this.busy === 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Events raised by one API call go out together, after the call has answered, as Stripe's do.
    setImmediate(() => {
      this.scheduled = false;
      if (!this.options.hold) this.dispatch();
      this.wakeIfIdle();
    });
  }

  private dispatch(): void {
    const planned: StripeObject[] = [];
    for (const event of this.held.splice(0)) {
      planned.push(event);
      // A second delivery of the same event (same id, same body), as Stripe sometimes sends.
      if (this.random() < this.options.duplicate) planned.push(event);
    }
    if (this.options.shuffle) shuffleInPlace(planned, this.random);
    this.sending.push(...planned);
    while (this.busy < this.options.concurrency && this.sending.length > 0) void this.work();
  }

  private async work(): Promise<void> {
    this.busy++;
    try {
      for (let event = this.sending.shift(); event; event = this.sending.shift()) await this.deliver(event);
    } finally {
      this.busy--;
      this.wakeIfIdle();
    }
  }

  private async deliver(event: StripeObject): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= this.options.attempts && !this.closed && this.url; attempt++) {
      let status = 0;
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signatureHeader(payload, this.secret),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      this.attempts.push({ eventId: event.id, type: event.type, attempt, status });
      if (status >= 200 && status < 300) return;
      if (attempt < this.options.attempts) await sleep(this.options.retryDelayMs * 2 ** (attempt - 1));
    }
  }

  private wakeIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
