/**
 * POST /api/donations: checks the request as the widget does, fixes fee and total itself, records
 * the attempt under its Idempotency-Key, and asks Stripe for what the donor will pay with.
 * A retried or doubled request (same key, same body) gets the first answer back; Stripe sees one
 * create per object, and even if it saw two, the derived idempotency keys would make them one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { validator } from 'hono/validator';
import type { DonationResponse } from '../../core/api.js';
import { CONTRACT_HEADER, CONTRACTS_ANSWERED } from '../../core/contract.js';
import { validateDonation, type DonationRequest } from '../../core/donation.js';
import { charge } from '../../core/fees.js';
import { donationLimits, originGate, requireAllowedOrigin } from '../abuse.js';
import { ApiError } from '../errors.js';
import type { AppEnv, Services } from '../env.js';
import { takesGifts } from '../ledger/campaigns.js';
import { stripeIdsOf, type SavedAnswer } from '../ledger/donations.js';
import { siteOrigin } from '../ledger/sites.js';
import type { DonationRecord } from '../ledger/ledger.js';

const MAX_BODY = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long a doubled request waits for the first one's answer before finishing the job itself. */
const WAIT_FOR_TWIN_MS = 5_000;

export function donationRoutes(services: Services) {
  const { config, ledger, gateway, log } = services;
  const limits = { currencies: config.currencies, minimum: config.minimum, maximum: config.maximum };
  const limit = donationLimits(config, ledger);
  const sites = originGate(config, ledger, log);

  return new Hono<AppEnv>()
    .use(
      '*',
      cors({
        origin: async (origin, c) => {
          if (await sites.allows(origin)) return origin;
          // A browser asks before it posts, and a page refused here never posts: this is its attempt.
          if (c.req.method === 'OPTIONS') await sites.refused(origin);
          return null;
        },
        allowMethods: ['POST'],
        allowHeaders: ['Content-Type', 'Idempotency-Key', CONTRACT_HEADER],
        maxAge: 600,
      }),
    )
    .post(
      '/',
      requireAllowedOrigin(sites),
      bodyLimit({ maxSize: MAX_BODY, onError: () => { throw new ApiError(413, 'payload_too_large'); } }),
      limit.perAddress,
      async (c, next) => {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError(415, 'unsupported_media_type');
        // No header: 0.1.0's script, which spoke contract 1.
        const contract = Number(c.req.header(CONTRACT_HEADER) ?? 1);
        if (!CONTRACTS_ANSWERED.includes(contract)) throw new ApiError(400, 'contract_unsupported', CONTRACT_HEADER);
        const key = c.req.header('idempotency-key')?.trim() ?? '';
        if (!UUID.test(key)) throw new ApiError(400, 'idempotency_key_invalid', 'Idempotency-Key');
        c.set('idempotencyKey', key.toLowerCase());
        await next();
      },
      validator('json', (value, c) => {
        const result = validateDonation(value, limits);
        if (!result.ok) throw ApiError.from(result.errors[0]);
        // The honeypot: people never see the field, so anything in it came from a bot.
        if (result.donation.website) throw new ApiError(400, 'request_rejected');
        // Hashed once: the per-email limit keys on it and the ledger keeps it.
        c.set('donorHash', ledger.donorHash(result.donation.donor.email));
        return result.donation;
      }),
      limit.perEmail,
      async (c) => {
        const donation = c.req.valid('json');
        const idempotencyKey = c.get('idempotencyKey');
        const campaign = await ledger.findCampaign(donation.campaign);
        if (!campaign) throw new ApiError(404, 'campaign_not_found', 'campaign');
        if (campaign.currency !== donation.currency) throw new ApiError(400, 'currency_unsupported', 'currency');
        const open = takesGifts(campaign);
        if (!open.ok) throw new ApiError(409, open.code, 'campaign');
        // Allowed by now: the page's origin, as the member sites know it (none from a server).
        const origin = siteOrigin(c.req.header('origin')) ?? null;

        const amounts = charge(donation.gift, donation.coverFee, config.feeRates);
        const requestHash = hashOf(donation);
        let donationId: string = randomUUID();
        const start = await ledger.startDonation({
          id: donationId,
          idempotency_key: idempotencyKey,
          request_hash: requestHash,
          campaign: campaign.id,
          currency: donation.currency,
          gift: amounts.gift,
          fee: amounts.fee,
          total: amounts.total,
          frequency: donation.frequency,
          locale: donation.locale,
          anonymous: donation.anonymous ? 1 : 0,
          tribute_kind: donation.tribute?.kind ?? null,
          donor_hash: c.get('donorHash'),
          // For the receipt and the tribute card only (README: what the ledger keeps).
          donor_name: donation.donor.name,
          donor_email: donation.donor.email,
          tribute_name: donation.tribute?.name ?? null,
          tribute_notify_email: donation.tribute?.notifyEmail ?? null,
          tribute_message: donation.tribute?.message ?? null,
          origin,
          source: donation.source ?? null,
          stripe_payment_intent: null,
          stripe_customer: null,
          stripe_subscription: null,
          response: null,
          failed_at: null,
          created_at: new Date().toISOString(),
        });

        if (!start.started) {
          const first = start.existing;
          if (first.request_hash !== requestHash) throw new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key');
          const answered = first.response ? first : first.failed_at ? null : await waitForAnswer(services, idempotencyKey);
          if (answered) return c.json(await replay(services, answered));
          // The first attempt never finished (Stripe was down, or its process died): finish it with
          // the same Stripe idempotency keys, so whatever it did create is reused.
          donationId = first.id;
        }

        let payment;
        try {
          payment = await gateway.createPayment({ donationId, idempotencyKey, donation, charge: amounts, campaign, ...(origin ? { origin } : {}) });
        } catch (error) {
          log('stripe_create_failed', { donationId, frequency: donation.frequency, error: stripeErrorSummary(error) });
          await ledger.markDonationFailed(donationId);
          if ((error as { type?: string }).type === 'StripeIdempotencyError') throw new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key');
          throw new ApiError(502, 'payment_unavailable');
        }
        const response: DonationResponse = {
          donationId,
          clientSecret: payment.clientSecret,
          mode: payment.mode,
          gift: amounts.gift,
          fee: amounts.fee,
          total: amounts.total,
          frequency: donation.frequency,
          currency: donation.currency,
        };
        await ledger.finishDonation(donationId, payment.ids, response);
        log('donation_created', { donationId, campaign: campaign.id, frequency: donation.frequency, total: amounts.total });
        return c.json(response);
      },
    );
}

/** The same donation always hashes the same: keys sorted, the honeypot left out. */
function hashOf(donation: DonationRequest): string {
  const { website: _honeypot, ...rest } = donation;
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
      : value;
  return createHash('sha256').update(JSON.stringify(canonical(rest))).digest('hex');
}

/** The first answer again, with the client secret asked of Stripe: the ledger does not keep it. */
async function replay({ gateway, log }: Services, record: DonationRecord): Promise<DonationResponse> {
  const { donationId, ...saved } = JSON.parse(record.response!) as SavedAnswer;
  let clientSecret: string;
  try {
    clientSecret = await gateway.clientSecretOf(stripeIdsOf(record));
  } catch (error) {
    // The donation itself stands; the donor's retry will ask again.
    log('stripe_retrieve_failed', { donationId, error: stripeErrorSummary(error) });
    throw new ApiError(502, 'payment_unavailable');
  }
  return { donationId, clientSecret, ...saved };
}

async function waitForAnswer({ ledger }: Services, idempotencyKey: string): Promise<DonationRecord | null> {
  const until = Date.now() + WAIT_FOR_TWIN_MS;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const record = await ledger.findDonationByKey(idempotencyKey);
    if (record?.response) return record;
    if (record?.failed_at) return null;
  }
  return null;
}

function stripeErrorSummary(error: unknown): string {
  const e = error as { type?: string; code?: string; statusCode?: number; message?: string };
  return [e.type, e.code, e.statusCode].filter(Boolean).join(' ') || String(e.message ?? error);
}
