/** Calls to the stand-in server, made as Stripe.js makes them to Stripe: form-encoded, with the publishable key. */

type Fields = { [key: string]: string | number | boolean | undefined | null | Fields };

/** `{payment_method_data: {card: {number}}}` → `payment_method_data[card][number]=…` */
export function encodeForm(fields: Fields, prefix = '', into = new URLSearchParams()): URLSearchParams {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    const name = prefix ? `${prefix}[${key}]` : key;
    if (typeof value === 'object') encodeForm(value, name, into);
    else into.append(name, String(value));
  }
  return into;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Stripe JSON
}

export class StandinApi {
  constructor(
    private readonly base: string,
    private readonly key: string,
  ) {}

  async post(path: string, fields: Fields): Promise<ApiAnswer> {
    const body = encodeForm({ key: this.key, ...fields });
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: response.status, body: await response.json() };
  }

  async get(path: string, fields: Fields): Promise<ApiAnswer> {
    const query = encodeForm({ key: this.key, ...fields }).toString();
    const response = await fetch(`${this.base}${path}?${query}`);
    return { status: response.status, body: await response.json() };
  }
}

/** `pi_123_secret_abc` → `pi_123`. */
export function intentIdOf(clientSecret: string): string | undefined {
  const match = /^(pi_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret);
  return match?.[1];
}

/** `seti_123_secret_abc` → `seti_123`. */
export function setupIntentIdOf(clientSecret: string): string | undefined {
  const match = /^(seti_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret);
  return match?.[1];
}
