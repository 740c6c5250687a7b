/**
 * Every error the donor or a caller can meet, as a stable code. The endpoint answers with these,
 * the widget translates them (`locales/*.json` → `errors.<code>`), and tests name them.
 */
export const ERROR_CODES = [
  // The donation request: each one names its field.
  'body_invalid',
  'campaign_invalid',
  'currency_unsupported',
  'amount_required',
  'amount_invalid',
  'amount_too_small',
  'amount_too_large',
  // Typed with another currency's sign or code (`R$ 30` for a gift in US dollars): the widget's own.
  'amount_wrong_currency',
  'frequency_invalid',
  'cover_fee_invalid',
  'email_required',
  'email_invalid',
  'name_required',
  'name_too_long',
  'anonymous_invalid',
  'tribute_kind_invalid',
  'tribute_name_required',
  'tribute_name_too_long',
  'tribute_email_invalid',
  'tribute_message_too_long',
  'locale_invalid',
  'text_invalid',
  // The endpoint.
  'campaign_not_found',
  'idempotency_key_invalid',
  'idempotency_key_reused',
  'origin_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'request_rejected',
  'not_found',
  'signature_invalid',
  // Campaigns and member sites.
  'campaign_closed',
  'campaign_not_started',
  'source_invalid',
  // HTTP itself, answered before a route sees the request.
  'request_invalid',
  'request_timeout',
  'headers_too_large',
  // Managing a recurring gift.
  'link_invalid',
  'link_expired',
  'gift_canceled',
  'gift_not_found',
  'change_invalid',
  'pause_invalid',
  'not_paused',
  'card_not_saved',
  // The payment step.
  'card_declined',
  'payment_failed',
  'payment_unavailable',
  'network_error',
  'timeout',
  'internal_error',
  // Versions: a script speaking an HTTP contract the endpoint no longer (or not yet) answers.
  'contract_unsupported',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** An error as a value: what went wrong, and where, if it is one field's fault. */
export interface FieldError {
  code: ErrorCode;
  field?: string;
}
