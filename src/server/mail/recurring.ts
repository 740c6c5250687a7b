/**
 * What the outbox's messages about a recurring gift say: a change confirmed (from the ledger's
 * record of it), a failed renewal, the end of a gift Stripe stopped, and a mailed link (the gift as
 * Stripe has it now). Links are signed as the message is first written; the copy is kept, so a
 * retry sends the same link.
 */
import type Stripe from 'stripe';
import { isLanguage, type Language } from '../../core/locale.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ClaimedMessage } from '../ledger/outbox.js';
import type { GiftState } from '../ledger/subscriptions.js';
import { stateOf } from '../manage/gift.js';
import { LINK_LIFETIME, type ManageLinks } from '../manage/links.js';
import { MailFailure } from './failure.js';
import { giftChangedLetter, giftEndedLetter, manageLinkLetter, paymentFailedLetter, type Letter, type Organization, type RecurringGiftFacts } from './letters/index.js';

export type Composed = { letter: Letter } | { cancel: string };

const languageOf = (value: string): Language => (isLanguage(value) ? value : 'en');

export class RecurringMail {
  constructor(
    private readonly ledger: Ledger,
    private readonly stripe: Stripe,
    private readonly links: ManageLinks,
    /** Where a donor starts a new gift: the organization's website, or the endpoint's own pages. */
    private readonly restartUrl: string,
  ) {}

  /** A recurring gift's receipt links to managing it, while it goes on. */
  receiptLink(subscription: string | null): string {
    return subscription ? this.links.url(subscription, LINK_LIFETIME.receipt) : '';
  }

  async compose(message: ClaimedMessage, organization: Organization): Promise<Composed> {
    const subscription = message.subscription;
    if (!subscription) return { cancel: 'gift_not_found' };
    const donation = await this.ledger.recurring.donationOf(subscription);
    const campaign = donation && (await this.ledger.findCampaign(donation.campaign));
    if (!donation || !campaign) return { cancel: 'gift_not_found' };
    if (!donation.donorEmail) return { cancel: 'erased' };
    const language = languageOf(donation.locale);
    const facts = (state: GiftState): RecurringGiftFacts => ({ campaign: campaign.name[language], gift: state.gift, fee: state.fee, total: state.total, currency: state.currency, frequency: state.frequency });

    if (message.kind === 'gift_changed') {
      const change = message.changeId ? await this.ledger.recurring.readChange(message.changeId) : undefined;
      if (!change?.after) return { cancel: 'change_not_found' };
      const action = change.action;
      return {
        letter: giftChangedLetter({
          language,
          organization,
          action,
          gift: facts(change.after),
          ...(change.after.card ? { card: change.after.card } : {}),
          ...(change.after.pausedUntil ? { pausedUntil: change.after.pausedUntil } : {}),
          ...(action === 'cancel' ? { restartUrl: this.restartUrl } : { manageUrl: this.links.url(subscription, LINK_LIFETIME.receipt) }),
        }),
      };
    }

    const state = stateOf(await this.subscription(subscription));
    switch (message.kind) {
      case 'payment_failed':
        if (state.canceled) return { cancel: 'gift_canceled' };
        return { letter: paymentFailedLetter({ language, organization, gift: facts(state), cardUrl: this.links.url(subscription, LINK_LIFETIME.receipt, { card: true }) }) };
      case 'gift_ended':
        return { letter: giftEndedLetter({ language, organization, gift: facts(state), restartUrl: this.restartUrl }) };
      case 'manage_link':
        if (state.canceled) return { cancel: 'gift_canceled' };
        return { letter: manageLinkLetter({ language, organization, gift: facts(state), manageUrl: this.links.url(subscription, LINK_LIFETIME.mailed) }) };
      default:
        return { cancel: 'unknown_kind' };
    }
  }

  private async subscription(id: string): Promise<Stripe.Subscription> {
    try {
      return await this.stripe.subscriptions.retrieve(id, { expand: ['default_payment_method'] });
    } catch (error) {
      const e = error as { statusCode?: number };
      throw new MailFailure(`stripe_unavailable${e.statusCode ? `_${e.statusCode}` : ''}`, e.statusCode !== 404);
    }
  }
}
