/**
 * Money that goes back out, and sometimes comes back in: refunds that fail or are canceled after
 * Stripe said they were pending, disputes won after the funds were withdrawn, bank debits that fail
 * after processing, and one charge refunded in parts. Each story is delivered in every order (or a
 * dozen shuffles when long), each event twice, to SQLite and PostgreSQL; each order gets its own
 * campaign, so a wrong total names the story and the order that gave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { BACKENDS, openTestLedger } from '../helpers.js';
import {
  chargeRefundedWith,
  disputeEvent,
  invoicePaid,
  invoicePaymentFailed,
  oneTimeIntentEvent,
  oneTimeSucceeded,
  refundEvent,
  type RefundState,
} from '../fixtures.js';
import { deliveredTwice, orders, record } from './streams.js';

interface Story {
  name: string;
  /** The story's events for one campaign and PaymentIntent of its own. */
  events(campaign: string, intent: string): Stripe.Event[];
  /** What the campaign has raised once every event has arrived, whatever the order. */
  raised: number;
}

const GIFT = 10_000;
const paid = (campaign: string, intent: string, gift = GIFT, total = gift) => oneTimeSucceeded({ intent, gift, total, campaign });
const refund = (intent: string, status: RefundState['status'], amount = 4_000, n = 1): RefundState => ({ id: `re_${intent}_${n}`, intent, amount, status });

const refundStories: Story[] = [
  {
    name: 'a pending refund that fails (refund.updated)',
    events: (c, pi) => [paid(c, pi), refundEvent('refund.created', refund(pi, 'pending')), refundEvent('refund.updated', refund(pi, 'failed'))],
    raised: GIFT,
  },
  {
    name: 'a pending refund that fails (charge.refund.updated)',
    events: (c, pi) => [paid(c, pi), refundEvent('refund.created', refund(pi, 'pending')), refundEvent('charge.refund.updated', refund(pi, 'failed'))],
    raised: GIFT,
  },
  {
    name: 'a pending refund that fails (refund.failed)',
    events: (c, pi) => [paid(c, pi), refundEvent('refund.created', refund(pi, 'pending')), refundEvent('refund.failed', refund(pi, 'failed'))],
    raised: GIFT,
  },
  {
    name: 'a pending refund that fails, told by charge.refunded before and after',
    events: (c, pi) => [
      paid(c, pi),
      chargeRefundedWith(pi, GIFT, [refund(pi, 'pending')]),
      refundEvent('refund.updated', refund(pi, 'failed')),
      chargeRefundedWith(pi, GIFT, [refund(pi, 'failed')]),
    ],
    raised: GIFT,
  },
  {
    name: 'a pending refund that is canceled (refund.updated)',
    events: (c, pi) => [paid(c, pi), refundEvent('refund.created', refund(pi, 'requires_action')), refundEvent('refund.updated', refund(pi, 'canceled'))],
    raised: GIFT,
  },
  {
    name: 'a pending refund that is canceled (charge.refund.updated)',
    events: (c, pi) => [paid(c, pi), refundEvent('refund.created', refund(pi, 'pending')), refundEvent('charge.refund.updated', refund(pi, 'canceled'))],
    raised: GIFT,
  },
  {
    name: 'a refund that succeeded, then failed (as a card refund can)',
    events: (c, pi) => [paid(c, pi), refundEvent('refund.created', refund(pi, 'succeeded')), refundEvent('charge.refund.updated', refund(pi, 'failed'))],
    raised: GIFT,
  },
  {
    name: 'a pending refund that succeeds',
    events: (c, pi) => [paid(c, pi), refundEvent('refund.created', refund(pi, 'pending')), refundEvent('refund.updated', refund(pi, 'succeeded'))],
    raised: GIFT - 4_000,
  },
  {
    name: 'one refund failing while a second one of the same payment succeeds',
    events: (c, pi) => [
      paid(c, pi),
      refundEvent('refund.created', refund(pi, 'pending', 4_000, 1)),
      refundEvent('refund.created', refund(pi, 'pending', 3_000, 2)),
      refundEvent('refund.failed', refund(pi, 'failed', 4_000, 1)),
      refundEvent('refund.updated', refund(pi, 'succeeded', 3_000, 2)),
    ],
    raised: GIFT - 3_000,
  },
];

const dispute = (intent: string, status: string, amount = GIFT) => ({ id: `du_${intent}`, intent, amount, status });

const disputeStories: Story[] = [
  {
    name: 'a dispute won after the funds were withdrawn',
    events: (c, pi) => [
      paid(c, pi),
      disputeEvent('charge.dispute.created', dispute(pi, 'needs_response')),
      disputeEvent('charge.dispute.funds_withdrawn', dispute(pi, 'needs_response')),
      disputeEvent('charge.dispute.closed', dispute(pi, 'won')),
      disputeEvent('charge.dispute.funds_reinstated', dispute(pi, 'won')),
    ],
    raised: GIFT,
  },
  {
    name: 'a dispute won, told only by funds_withdrawn and closed',
    events: (c, pi) => [
      paid(c, pi),
      disputeEvent('charge.dispute.funds_withdrawn', dispute(pi, 'needs_response')),
      disputeEvent('charge.dispute.closed', dispute(pi, 'won')),
    ],
    raised: GIFT,
  },
  {
    name: 'a dispute lost after the funds were withdrawn',
    events: (c, pi) => [
      paid(c, pi),
      disputeEvent('charge.dispute.created', dispute(pi, 'needs_response')),
      disputeEvent('charge.dispute.funds_withdrawn', dispute(pi, 'needs_response')),
      disputeEvent('charge.dispute.closed', dispute(pi, 'lost')),
    ],
    raised: 0,
  },
  {
    name: 'a dispute still argued: the withdrawn funds are out until it is won',
    events: (c, pi) => [
      paid(c, pi),
      disputeEvent('charge.dispute.created', dispute(pi, 'needs_response')),
      disputeEvent('charge.dispute.funds_withdrawn', dispute(pi, 'needs_response')),
      disputeEvent('charge.dispute.updated', dispute(pi, 'under_review')),
    ],
    raised: 0,
  },
  {
    name: 'an inquiry that closes without a chargeback',
    events: (c, pi) => [
      paid(c, pi),
      disputeEvent('charge.dispute.created', dispute(pi, 'warning_needs_response')),
      disputeEvent('charge.dispute.closed', dispute(pi, 'warning_closed')),
    ],
    raised: GIFT,
  },
];

const bankDebitStories: Story[] = [
  {
    name: 'a bank debit that fails after processing',
    events: (c, pi) => [
      oneTimeIntentEvent('payment_intent.processing', { intent: pi, gift: GIFT, total: GIFT, campaign: c }),
      oneTimeIntentEvent('payment_intent.payment_failed', { intent: pi, gift: GIFT, total: GIFT, campaign: c }),
    ],
    raised: 0,
  },
  {
    name: 'a bank debit that succeeds, with a stale payment_failed arriving late',
    events: (c, pi) => [
      oneTimeIntentEvent('payment_intent.processing', { intent: pi, gift: GIFT, total: GIFT, campaign: c }),
      oneTimeIntentEvent('payment_intent.payment_failed', { intent: pi, gift: GIFT, total: GIFT, campaign: c }),
      paid(c, pi),
    ],
    raised: GIFT,
  },
  {
    name: "a subscription invoice's bank debit that fails",
    events: (c, pi) => [invoicePaymentFailed({ invoice: `in_${pi}`, subscription: `sub_${pi}`, intent: pi, gift: 2_500, total: 2_500, campaign: c })],
    raised: 0,
  },
  {
    name: 'a subscription invoice paid on retry after its first debit failed',
    events: (c, pi) => [
      invoicePaymentFailed({ invoice: `in_${pi}`, subscription: `sub_${pi}`, intent: pi, gift: 2_500, total: 2_500, campaign: c }),
      invoicePaid({ invoice: `in_${pi}`, subscription: `sub_${pi}`, intent: pi, gift: 2_500, total: 2_500, campaign: c }),
    ],
    raised: 2_500,
  },
];

// A $25 gift with the fee covered: $25.87 charged.
const inParts = (c: string, pi: string, parts: Array<[number, RefundState['status']]>) => [
  paid(c, pi, 2_500, 2_587),
  ...parts.map(([amount, status], i) => refundEvent('refund.created', refund(pi, status, amount, i + 1))),
];

const inPartsStories: Story[] = [
  { name: 'a whole charge refunded in two parts', events: (c, pi) => inParts(c, pi, [[1_000, 'succeeded'], [1_587, 'succeeded']]), raised: 0 },
  { name: 'a whole charge refunded in three parts', events: (c, pi) => inParts(c, pi, [[1, 'succeeded'], [1_293, 'pending'], [1_293, 'succeeded']]), raised: 0 },
  {
    name: 'a whole charge refunded in parts, one of which failed and was made again',
    events: (c, pi) => [
      ...inParts(c, pi, [[1_000, 'succeeded'], [1_587, 'pending'], [1_587, 'succeeded']]),
      refundEvent('refund.failed', refund(pi, 'failed', 1_587, 2)),
    ],
    raised: 0,
  },
  { name: 'half a charge refunded in two parts', events: (c, pi) => inParts(c, pi, [[647, 'succeeded'], [647, 'succeeded']]), raised: 2_500 - Math.floor((1_294 * 2_500) / 2_587) },
  {
    name: 'a refund and a lost dispute that together exceed the charge',
    events: (c, pi) => [
      ...inParts(c, pi, [[1_000, 'succeeded']]),
      disputeEvent('charge.dispute.closed', { id: `du_${pi}`, intent: pi, amount: 2_587, status: 'lost' }),
    ],
    raised: 0,
  },
];

describe.each(BACKENDS)('money given back on %s', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ ledger, drop } = await openTestLedger(backend));
  });
  afterAll(() => drop());

  let serial = 0;
  async function tell(story: Story) {
    const runs = await Promise.all(
      orders(story.events('x', 'pi_x').map((_, i) => i)).map(async (order, o) => {
        const id = `c${++serial}-${o}`;
        await ledger.saveCampaign({ id, name: { en: id, es: id, pt: id }, goal: 1, currency: 'USD' });
        const events = story.events(id, `pi_${id.replace('-', '_')}`);
        // Orders run side by side (on PostgreSQL, concurrent transactions); one order's events in turn.
        for (const i of deliveredTwice(order, serial)) await record(ledger, events[i]);
        return { order: order.join(' '), raised: (await ledger.totals(id))!.raised };
      }),
    );
    expect(runs.filter((run) => run.raised !== story.raised)).toEqual([]);
  }

  describe('refunds', () => {
    for (const story of refundStories) it(`${story.name}: raised ${story.raised}`, () => tell(story));
  });
  describe('disputes', () => {
    for (const story of disputeStories) it(`${story.name}: raised ${story.raised}`, () => tell(story));
  });
  describe('bank debits', () => {
    for (const story of bankDebitStories) it(`${story.name}: raised ${story.raised}`, () => tell(story));
  });
  describe('one charge refunded in parts', () => {
    for (const story of inPartsStories) it(`${story.name}: raised ${story.raised}`, () => tell(story));
  });
});
