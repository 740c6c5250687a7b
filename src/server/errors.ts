/** Errors as values with a stable code, shaped once (in app.ts) into `{"error": {code, message, field?}}`. */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, FieldError } from '../core/errors.js';
import type { ErrorResponse } from '../core/api.js';

/** English messages for callers reading raw responses; the widget shows its own translation of `code`. */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  body_invalid: 'The request body is not a valid donation.',
  campaign_invalid: 'The campaign id is not valid.',
  currency_unsupported: 'That currency is not accepted.',
  amount_invalid: 'The gift must be a whole number of cents.',
  amount_too_small: 'The gift is below the minimum.',
  amount_too_large: 'The gift is above the maximum.',
  frequency_invalid: 'Frequency must be once, month or year.',
  cover_fee_invalid: 'coverFee must be true or false.',
  email_required: 'An email address is needed for the receipt.',
  email_invalid: 'The email address is not valid.',
  name_required: 'A name is needed.',
  name_too_long: 'The name is too long.',
  anonymous_invalid: 'anonymous must be true or false.',
  tribute_kind_invalid: 'A tribute is in honor or in memory.',
  tribute_name_required: 'A tribute needs a name.',
  tribute_name_too_long: 'The tribute name is too long.',
  tribute_email_invalid: 'The tribute notification email is not valid.',
  tribute_message_too_long: 'The tribute message is too long.',
  locale_invalid: 'Locale must be en, es or pt.',
  text_invalid: 'The text is not well-formed Unicode (it has a lone surrogate).',
  campaign_not_found: 'No such campaign.',
  idempotency_key_invalid: 'The Idempotency-Key header must be a UUID, one per donation attempt.',
  idempotency_key_reused: 'This Idempotency-Key was already used for a different donation.',
  origin_not_allowed: 'Donations cannot be made from this site.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'Send the donation as application/json.',
  rate_limited: 'Too many attempts. Please wait and try again.',
  request_rejected: 'The request was rejected.',
  not_found: 'Not found.',
  signature_invalid: 'The webhook signature could not be verified.',
  request_invalid: 'The request is not valid HTTP.',
  request_timeout: 'The request took too long to arrive.',
  headers_too_large: 'The request headers are too large.',
  link_invalid: 'This link to manage a gift is not valid. Ask for a fresh one.',
  link_expired: 'This link to manage a gift has expired. Ask for a fresh one.',
  gift_canceled: 'This recurring gift has been cancelled.',
  gift_not_found: 'No recurring gift was found for this link.',
  change_invalid: 'action must be change, pause, resume or cancel.',
  pause_invalid: 'A gift can be paused for 1, 2 or 3 months.',
  not_paused: 'This gift is not paused.',
  card_not_saved: 'The card was not saved. Please try again.',
  campaign_closed: 'This campaign is closed and takes no more gifts.',
  campaign_not_started: 'This campaign does not take gifts yet.',
  source_invalid: 'source must be a short slug: lower-case letters, digits and dashes.',
  payment_unavailable: 'Payments are unavailable right now. Please try again shortly.',
  internal_error: 'Something went wrong on our side.',
  contract_unsupported: 'This version of the donation form is not answered by this endpoint: load its script again.',
};

export function errorBody(code: ErrorCode, field?: string, message?: string): ErrorResponse {
  return { error: { code, message: message ?? MESSAGES[code] ?? code, ...(field ? { field } : {}) } };
}

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly field?: string,
    message?: string,
  ) {
    super(status, { message: message ?? MESSAGES[code] ?? code });
  }

  static from(error: FieldError, status: ContentfulStatusCode = 400): ApiError {
    return new ApiError(status, error.code, error.field);
  }

  toJSON(): ErrorResponse {
    return errorBody(this.code, this.field, this.message);
  }
}
