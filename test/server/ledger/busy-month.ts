/**
 * A busy month of signed events across a few campaigns, generated from a seed: one-time gifts with
 * and without the fee covered, first invoices and renewals, refunds whole and in parts (some pending
 * then failed), disputes withdrawn then won or lost, bank debits processing then failing, and
 * cancellations; donors who give more than once. The totals it must give are not computed here:
 * tests compare the running totals with what the entries sum to.
 */
import type Stripe from 'stripe';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import type { NewDonation } from '../../../src/server/ledger/donations.js';
import {
  disputeEvent,
  invoiceIntentSucceeded,
  invoicePaid,
  oneTimeIntentEvent,
  oneTimeSucceeded,
  refundEvent,
  subscriptionDeleted,
  type RefundState,
} from '../fixtures.js';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BusyMonth {
  events: Stripe.Event[];
  /** Donation attempts the gifts refer to (the donor counted once per campaign however often they give). */
  donations: Array<{ id: string; campaign: string; donor: string }>;
}

export function busyMonth(seed: number, campaigns: string[], gifts = 120): BusyMonth {
  const random = seeded(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const events: Stripe.Event[] = [];
  const donations: BusyMonth['donations'] = [];
  for (let i = 0; i < gifts; i++) {
    const campaign = pick(campaigns);
    const intent = `pi_m${seed}_${i}`;
    const gift = 500 + Math.floor(random() * 200) * 100;
    const total = random() < 0.5 ? Math.ceil((gift + 30) / (1 - 0.022)) : gift;
    const donationId = `don_m${seed}_${i}`;
    donations.push({ id: donationId, campaign, donor: `donor${Math.floor(random() * 30)}@example.org` });

    if (random() < 0.3) {
      // Monthly: the first invoice, perhaps a renewal, perhaps cancelled.
      const subscription = `sub_m${seed}_${i}`;
      const first = { invoice: `in_m${seed}_${i}_1`, subscription, intent, gift, total, campaign, donationId };
      events.push(invoicePaid(first), invoicePaid(first, 'invoice.payment_succeeded'), invoiceIntentSucceeded(intent, total));
      if (random() < 0.6) {
        const renewal = { ...first, invoice: `in_m${seed}_${i}_2`, intent: `${intent}_r`, reason: 'subscription_cycle' as const };
        events.push(invoicePaid(renewal));
      }
      if (random() < 0.3) events.push(subscriptionDeleted(subscription, campaign));
    } else if (random() < 0.15) {
      // A bank debit that never settles.
      events.push(oneTimeIntentEvent('payment_intent.processing', { intent, gift, total, campaign }), oneTimeIntentEvent('payment_intent.payment_failed', { intent, gift, total, campaign }));
      continue;
    } else {
      events.push(oneTimeSucceeded({ intent, gift, total, campaign, donationId }));
    }

    const roll = random();
    if (roll < 0.3) {
      // Refunds in one to three parts, up to the whole charge; some pending that then fail or succeed.
      const parts = 1 + Math.floor(random() * 3);
      let left = total;
      for (let n = 1; n <= parts && left > 0; n++) {
        const amount = n === parts ? left : Math.max(1, Math.floor(random() * left));
        left -= amount;
        const refund = (status: RefundState['status']): RefundState => ({ id: `re_m${seed}_${i}_${n}`, intent, amount, status });
        const ending = pick<RefundState['status']>(['succeeded', 'succeeded', 'failed', 'canceled']);
        events.push(refundEvent('refund.created', refund('pending')), refundEvent(pick(['refund.updated', 'charge.refund.updated'] as const), refund(ending)));
      }
    } else if (roll < 0.45) {
      const dispute = (status: string) => ({ id: `du_m${seed}_${i}`, intent, amount: total, status });
      const ending = pick(['won', 'lost', 'under_review']);
      events.push(disputeEvent('charge.dispute.created', dispute('needs_response')), disputeEvent('charge.dispute.funds_withdrawn', dispute('needs_response')));
      if (ending === 'under_review') events.push(disputeEvent('charge.dispute.updated', dispute(ending)));
      else events.push(disputeEvent('charge.dispute.closed', dispute(ending)));
      if (ending === 'won') events.push(disputeEvent('charge.dispute.funds_reinstated', dispute('won')));
    }
  }
  return { events, donations };
}

/** Records the month's donation attempts, as POST /api/donations would have before any payment. */
export async function startDonations(ledger: Ledger, month: BusyMonth): Promise<void> {
  for (const d of month.donations) {
    const record: NewDonation = {
      id: d.id, idempotency_key: `key-${d.id}`, request_hash: 'h', campaign: d.campaign, currency: 'USD', gift: 1, fee: 0, total: 1,
      frequency: 'once', locale: 'en', anonymous: 0, tribute_kind: null, donor_hash: ledger.donorHash(d.donor), stripe_payment_intent: null,
      stripe_customer: null, stripe_subscription: null, response: null, failed_at: null, created_at: new Date().toISOString(),
    };
    await ledger.startDonation(record);
  }
}
