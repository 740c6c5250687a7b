/** `POST /api/donations`: the endpoint turns the request into a payment and hands back its client secret. */
import type { DonationResponse } from '../../../core/api.js';
import { CONTRACT, CONTRACT_HEADER } from '../../../core/contract.js';
import { isErrorCode, type ErrorCode } from '../../../core/errors.js';
import { apiUrl } from './api-url.js';
import { failed, type PaymentFailure } from './outcome.js';

/**
 * `retryable`: the endpoint may have acted on it (no answer, a timeout, its own 5xx, rate limiting),
 * so the next try must send the same Idempotency-Key. A 4xx answer is definite: nothing was created.
 */
export type PostResult = { ok: true; donation: DonationResponse } | { ok: false; failure: PaymentFailure; retryable: boolean };

export interface PostOptions {
  /** Gives up after this many milliseconds with `timeout`. */
  timeout: number;
  /** Aborts when the element leaves the page. */
  signal: AbortSignal;
}

const TIMEOUT = 'TimeoutError';

export async function postDonation(endpoint: string, body: string, idempotencyKey: string, options: PostOptions): Promise<PostResult> {
  // One controller for both the timeout and the element going away, so the two can be told apart.
  const controller = new AbortController();
  const leave = () => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', leave, { once: true });
  if (options.signal.aborted) leave();
  const timer = setTimeout(() => controller.abort(new DOMException('The donation request timed out.', TIMEOUT)), options.timeout);
  try {
    const response = await fetch(apiUrl(endpoint, '/api/donations'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey, [CONTRACT_HEADER]: String(CONTRACT) },
      body,
      credentials: 'omit',
      signal: controller.signal,
    });
    const payload: unknown = await response.json().catch(() => undefined);
    if (controller.signal.aborted) throw controller.signal.reason;
    if (response.ok && isDonationResponse(payload)) return { ok: true, donation: payload };
    return { ok: false, failure: endpointFailure(response.status, payload), retryable: response.ok || response.status === 429 || response.status >= 500 };
  } catch {
    const timedOut = (controller.signal.reason as { name?: string } | undefined)?.name === TIMEOUT;
    return { ok: false, failure: failed(timedOut ? 'timeout' : 'network_error'), retryable: true };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', leave);
  }
}

/** The endpoint's `{"error": {code, message, field?}}`, with a stable code even when the body is not ours. */
function endpointFailure(status: number, payload: unknown): PaymentFailure {
  const error = (payload as { error?: { code?: unknown; message?: unknown; field?: unknown } } | undefined)?.error;
  const fallback: ErrorCode = status === 429 ? 'rate_limited' : status >= 400 && status < 500 ? 'request_rejected' : 'internal_error';
  return failed(isErrorCode(error?.code) ? error.code : fallback, {
    field: typeof error?.field === 'string' ? error.field : undefined,
    message: typeof error?.message === 'string' ? error.message : undefined,
  });
}

function isDonationResponse(payload: unknown): payload is DonationResponse {
  const p = payload as Partial<DonationResponse> | undefined;
  return typeof p?.clientSecret === 'string' && typeof p.donationId === 'string' && typeof p.total === 'number';
}
