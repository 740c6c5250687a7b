/** Stripe Event objects (`evt_…`), kept for `GET /v1/events` and handed to delivery. */
import type { WebhookDelivery } from './delivery.js';
import { newId, nowSeconds, type Store, type StripeObject } from './store.js';

/** The API version events are rendered in: the one the `stripe` package pins. */
export const API_VERSION = '2026-10-28.endive';

export interface RequestContext {
  requestId: string | null;
  idempotencyKey: string | null;
}

export class Events {
  constructor(
    private readonly store: Store,
    private readonly delivery: WebhookDelivery,
  ) {}

  emit(type: string, object: StripeObject, request: RequestContext | null, previousAttributes?: Record<string, unknown>): StripeObject {
    const event = this.store.put({
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: nowSeconds(),
      data: {
        object: this.store.render(object),
        ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: this.delivery.url ? 1 : 0,
      request: { id: request?.requestId ?? null, idempotency_key: request?.idempotencyKey ?? null },
      type,
    });
    this.delivery.enqueue(event);
    return event;
  }
}
