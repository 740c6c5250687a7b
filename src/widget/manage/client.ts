/**
 * The manage page's calls to the endpoint (src/core/manage-api.ts): the gift read and changed with
 * the link's token as a Bearer, each change with an `Idempotency-Key` kept until the change has a
 * definite answer, so a retry after a lost answer (or a reload mid-way) is the same change, never a
 * second one.
 */
import type { CardSetupResponse, LinkRequest, ManageChange, ManageResponse } from '../../core/manage-api.js';
import { apiUrl } from '../first-intent/payment/api-url.js';
import { attemptKey, canonicalJson, forgetAttempt } from '../first-intent/payment/attempts.js';

/** What went wrong, as the endpoint's stable code (or ours: network_error, timeout). */
export class ManageError extends Error {
  constructor(
    readonly code: string,
    readonly status = 0,
    readonly field?: string,
  ) {
    super(code);
  }
}

const TIMEOUT_MS = 20_000;

export class ManageClient {
  constructor(
    private readonly endpoint: string,
    private readonly token: string,
  ) {}

  gift(signal?: AbortSignal): Promise<ManageResponse> {
    return this.call<ManageResponse>('GET', '/api/manage/gift', undefined, signal);
  }

  /** One change: the same change tried again (after a lost answer) carries the same key. */
  change(change: ManageChange): Promise<ManageResponse> {
    return this.once('/api/manage/gift', change);
  }

  cardSetup(): Promise<CardSetupResponse> {
    return this.once('/api/manage/card', {});
  }

  confirmCard(setupIntent: string): Promise<ManageResponse> {
    return this.once('/api/manage/card/confirm', { setupIntent });
  }

  /** Keyed by the token and the body: the key's slot in sessionStorage names neither (it is a hash). */
  private async once<T>(path: `/api/${string}`, body: unknown): Promise<T> {
    const text = canonicalJson(body);
    const slot = `manage ${path} ${this.token} ${text}`;
    const key = attemptKey(slot);
    try {
      const answer = await this.call<T>('POST', path, text, undefined, key);
      forgetAttempt(slot);
      return answer;
    } catch (error) {
      // A refusal is definite: the next try is a new change. A lost answer keeps the key.
      if (error instanceof ManageError && error.status >= 400 && error.status < 500) forgetAttempt(slot);
      throw error;
    }
  }

  private call<T>(method: string, path: `/api/${string}`, body?: string, signal?: AbortSignal, key?: string): Promise<T> {
    return request<T>(apiUrl(this.endpoint, path), {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body,
      signal,
    });
  }
}

/** `POST /api/manage/links`: always 202, whether or not the email has a gift. */
export function requestLink(endpoint: string, link: LinkRequest): Promise<unknown> {
  return request(apiUrl(endpoint, '/api/manage/links'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(link),
  });
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ManageError(timeout.aborted ? 'timeout' : 'network_error');
  }
  const answer = (await response.json().catch(() => undefined)) as { error?: { code?: string; field?: string } } | undefined;
  if (!response.ok) throw new ManageError(answer?.error?.code ?? (response.status >= 500 ? 'internal_error' : 'body_invalid'), response.status, answer?.error?.field);
  return answer as T;
}
