/**
 * Gathers what a queued message says (from the ledger, the configuration and, for the payment
 * method, Stripe) and has the letters module render it. A message that must not go (its gift was
 * refunded or disputed before a tribute card went out, its person erased) is answered `cancel`.
 */
import { isLanguage, type Language } from '../../core/locale.js';
import type { Config } from '../config.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ClaimedMessage } from '../ledger/outbox.js';
import type { Campaign } from '../ledger/campaigns.js';
import { MailFailure } from './failure.js';
import { receiptLetter, tributeCardLetter, yearEndLetter, type Letter, type Organization, type PaymentMethod } from './letters/index.js';
import type { MethodLookup } from './payment-method.js';
import type { RecurringMail } from './recurring.js';

export type Composed = { letter: Letter } | { cancel: string };

const languageOf = (value: string): Language => (isLanguage(value) ? value : 'en');

/** The campaign's tax statement must be said by the operator, never guessed: until then the message waits. */
function deductible(campaign: Campaign): boolean {
  if (campaign.deductible === null || campaign.deductible === undefined) throw new MailFailure('campaign_deductible_unknown', true);
  return campaign.deductible;
}

function offlineMethod(method: 'cheque' | 'cash' | 'other' | null): PaymentMethod {
  return { kind: method ?? 'other' };
}

export class Composer {
  private readonly organization: Organization;

  constructor(
    private readonly ledger: Ledger,
    config: Pick<Config, 'organization' | 'mail'>,
    private readonly methodOf: MethodLookup,
    /** Letters about managing a recurring gift, and the manage link in its receipts. */
    private readonly recurring?: RecurringMail,
  ) {
    const { replyTo } = config.mail;
    const address = replyTo && /<([^>]+)>/.exec(replyTo)?.[1];
    this.organization = { ...config.organization, ...(replyTo ? { replyTo: address || replyTo } : {}) };
  }

  async compose(message: ClaimedMessage): Promise<Composed> {
    if (!message.recipient) return { cancel: 'erased' };
    switch (message.kind) {
      case 'receipt':
        return this.receipt(message);
      case 'tribute':
        return this.tributeCard(message);
      case 'year_end':
        return this.yearEnd(message);
      case 'gift_changed':
      case 'payment_failed':
      case 'gift_ended':
      case 'manage_link':
        return this.recurring ? this.recurring.compose(message, this.organization) : { cancel: 'manage_links_off' };
      case 'staff_invitation':
        // Rendered when queued (its link's token is kept nowhere else): a copy missing is a message that cannot be written.
        return { cancel: 'not_rendered' };
    }
  }

  /** Asked again before each later attempt: a tribute card's gift may have been refunded or disputed since. */
  async cancelReason(message: ClaimedMessage): Promise<string | undefined> {
    if (!message.recipient) return 'erased';
    if (message.kind !== 'tribute' || !message.donationId) return undefined;
    const facts = await this.ledger.readTributeFacts(message.donationId);
    return !facts?.donor.tribute ? 'erased' : facts.reversed ? 'gift_reversed' : undefined;
  }

  private async receipt(message: ClaimedMessage): Promise<Composed> {
    const facts = message.paymentId ? await this.ledger.readReceiptFacts(message.paymentId) : undefined;
    if (!facts) return { cancel: 'gift_not_found' };
    if (!facts.donor.email || !facts.receiptNumber) return { cancel: 'erased' };
    const language = languageOf(facts.donor.language);
    const frequency = facts.kind === 'offline' || !['month', 'year'].includes(facts.donor.frequency) ? 'once' : (facts.donor.frequency as 'month' | 'year');
    const method = facts.kind === 'offline' ? offlineMethod(facts.method) : await this.methodOf({ id: facts.paymentId, kind: facts.kind, paymentIntent: facts.paymentIntent });
    return {
      letter: receiptLetter({
        language,
        receiptNumber: facts.receiptNumber,
        organization: this.organization,
        donor: { name: facts.donor.name ?? '', email: facts.donor.email },
        date: facts.date,
        gift: facts.gift,
        fee: facts.total - facts.gift,
        total: facts.total,
        currency: facts.currency,
        frequency,
        ...(facts.kind === 'offline' ? { offline: true } : {}),
        campaign: { name: facts.campaign.name[language], deductible: deductible(facts.campaign) },
        method,
        ...(facts.donor.tribute ? { tribute: { kind: facts.donor.tribute.kind, name: facts.donor.tribute.name } } : {}),
        anonymous: facts.donor.anonymous,
        ...(frequency !== 'once' && this.recurring && facts.subscription ? { manageUrl: this.recurring.receiptLink(facts.subscription) } : {}),
      }),
    };
  }

  private async tributeCard(message: ClaimedMessage): Promise<Composed> {
    const facts = message.donationId ? await this.ledger.readTributeFacts(message.donationId) : undefined;
    if (!facts?.donor.tribute) return { cancel: facts ? 'erased' : 'gift_not_found' };
    // Sent only for a gift that stands: a card for money given back would mail a stranger for free.
    if (facts.reversed) return { cancel: 'gift_reversed' };
    const language = languageOf(facts.donor.language);
    return {
      letter: tributeCardLetter({
        language,
        organization: this.organization,
        campaignName: facts.campaign.name[language],
        ...(!facts.donor.anonymous && facts.donor.name ? { giver: facts.donor.name } : {}),
        tribute: facts.donor.tribute,
      }),
    };
  }

  private async yearEnd(message: ClaimedMessage): Promise<Composed> {
    const facts = message.donorHash && message.year !== null ? await this.ledger.readYearEndFacts(message.donorHash, message.year) : undefined;
    if (!facts || !facts.gifts.length) return { cancel: 'no_gifts' };
    if (!facts.donor.email) return { cancel: 'erased' };
    const language = languageOf(facts.language);
    const gifts = [];
    for (const g of facts.gifts) {
      const method = g.kind === 'offline' ? offlineMethod(g.method) : await this.methodOf({ id: g.paymentId, kind: g.kind, paymentIntent: g.paymentIntent });
      gifts.push({
        date: g.date,
        receiptNumber: g.receiptNumber,
        gift: g.gift,
        fee: g.total - g.gift,
        total: g.total,
        currency: g.currency,
        campaign: g.campaign.name[language],
        deductible: deductible(g.campaign),
        method,
      });
    }
    return {
      letter: yearEndLetter({ language, year: message.year!, organization: this.organization, donor: { name: facts.donor.name ?? '', email: facts.donor.email }, gifts }),
    };
  }
}
