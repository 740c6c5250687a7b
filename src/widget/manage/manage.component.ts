import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import * as v from 'valibot';
import { LANGUAGES, type Language } from '../../core/locale.js';
import { minorDigits } from '../../core/money.js';
import type { ManageChange, ManageResponse, RecurringFrequency } from '../../core/manage-api.js';
import { addTerms, LocalizeController } from '../controllers/localize.js';
import { RadioGroupController } from '../controllers/radio-group.js';
import { SCRIPT_ORIGIN } from '../endpoint.js';
import { errorWords } from '../first-intent/templates/errors.js';
import { styles } from '../mira-donate.styles.js';
import { renderLanguageSwitch } from '../templates/choices.js';
import { CardStep } from './card-step.js';
import { changeState, type ChangeDraft, type ChangeState } from './change-state.js';
import { ManageClient, ManageError, requestLink } from './client.js';
import { readLink } from './link.js';
import { manageStyles } from './manage.styles.js';
import { takeCardReturn, keepCardReturn } from './card-return.js';
import { FIRST_LOAD_TERMS, MANAGE_TERMS } from './terms.js';
import type { Section } from './templates/action.js';
import { renderCancel } from './templates/cancel.js';
import { renderCard } from './templates/card.js';
import { FREQUENCIES, renderChange } from './templates/change.js';
import { renderGift, renderPayments } from './templates/gift.js';
import { renderLinkRequest, type LinkProblem } from './templates/link.js';
import { PAUSE_MONTHS, renderPause, type PauseMonths } from './templates/pause.js';
import { brandName, sayDate, sayMoney } from './words.js';

addTerms(MANAGE_TERMS);

/** `loading`: the gift asked for. `gift`: shown. `link`: no token, or one that failed (`problem`). `failed`: could not be read; Retry. */
type View = 'loading' | 'gift' | 'link' | 'failed';

const isEmail = (text: string) => v.is(v.pipe(v.string(), v.email()), text);
const LINK_PROBLEMS: readonly string[] = ['link_expired', 'link_invalid'];

/**
 * A monthly or annual donor's own gift, from the signed link in their receipt: what it is and its
 * last payments, and the changes they can make to it (amount, frequency, fee cover, card, pause,
 * cancel), in the gift's language with the form's EN / ES / PT switch. Without a token, or with one
 * that has expired or does not verify, it offers to email a fresh link.
 *
 * @tag mira-donate-manage
 * @summary The donor's page for a recurring gift, opened from a signed link (`#<token>`, or `#<token>&card` to update the card).
 *
 * @attr {string} endpoint - The endpoint's base URL; defaults to the origin this script came from.
 * @attr {string} lang - `en`, `es` or `pt`: set to the gift's language when it loads, and by the switch.
 *
 * @slot card - Light-DOM home for Stripe's Payment Element while the card is being updated (the element adds it).
 *
 * @csspart base - The wrapper around everything.
 * @csspart gift - The gift as it is.
 * @csspart gift-status - Active, paused until, past due, canceled.
 * @csspart payments - The last payments.
 * @csspart section - Each section that changes the gift (also named change, card, pause, cancel).
 * @csspart button - A section's button.
 * @csspart done - What came of the last change (also said aloud, politely).
 * @csspart error - Why a change did not go through.
 * @csspart link-request - The form that emails a fresh link.
 */
export class MiraDonateManage extends LitElement {
  static override styles = [styles, manageStyles];
  static override properties: PropertyDeclarations = {
    endpoint: {},
    view: { state: true },
    problem: { state: true },
    answer: { state: true },
    draft: { state: true },
    amountShown: { state: true },
    pauseMonths: { state: true },
    asking: { state: true },
    cardOpen: { state: true },
    busy: { state: true },
    done: { state: true },
    failure: { state: true },
    announcement: { state: true },
    email: { state: true },
    emailError: { state: true },
    linkSent: { state: true },
    linkBusy: { state: true },
  };
  static readonly version: string = '0.1.0';

  private readonly localize = new LocalizeController(this, (language) => Promise.resolve(FIRST_LOAD_TERMS[language]));
  private readonly languageKeys = this.radioGroup('language-option', (i) => this.chooseLanguage(LANGUAGES[i]), false);
  private readonly frequencyKeys = this.radioGroup('frequency-option', (i) => this.editDraft({ frequency: FREQUENCIES[i] }));
  private readonly feeKeys = this.radioGroup('fee-option', (i) => this.editDraft({ coverFee: i === 0 }));
  private readonly pauseKeys = this.radioGroup('pause-option', (i) => (this.pauseMonths = PAUSE_MONTHS[i]));
  /** The light-DOM container the Payment Element mounts in. */
  private readonly cardSlot = Object.assign(document.createElement('div'), { slot: 'card', className: 'mira-donate-manage-card' });

  private client?: ManageClient;
  private token?: string;
  private card?: CardStep;
  private view: View = 'loading';
  private problem?: LinkProblem;
  private answer?: ManageResponse;
  private draft: ChangeDraft = { amount: '', frequency: 'month', coverFee: false };
  private change?: ChangeState;
  /** The amount's error shows once the donor has typed and left it, or pressed Save. */
  private amountShown = false;
  private pauseMonths: PauseMonths = 1;
  private asking = false;
  private cardOpen = false;
  /** The change under way: every other control is inert meanwhile. */
  private busy?: Section;
  /** What came of each section's last press, shown below its button. */
  private done: Partial<Record<Section, string>> = {};
  private failure?: { section: Section; code: string; message?: string; retry?: () => void };
  /** The polite live region's words: the last change, said once. */
  private announcement = '';
  private email = '';
  private emailError?: string;
  private linkSent = false;
  private linkBusy = false;

  /** The endpoint's base URL. Defaults to the origin this script was loaded from. */
  endpoint?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.cardSlot.isConnected) this.append(this.cardSlot);
    window.addEventListener('hashchange', this.handleHashChange);
    this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.handleHashChange);
    this.card?.close();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const answer = this.answer;
    this.change = answer
      ? changeState({
          draft: this.draft,
          currency: answer.gift.currency,
          language: this.localize.language,
          minimum: answer.minimum,
          maximum: answer.maximum,
          feeRates: answer.feeRates,
          current: answer.gift,
        })
      : undefined;
  }

  protected override updated(): void {
    this.card?.relocalize(this.localize.language);
  }

  /** Reads the link in the address and loads its gift (or shows the link request form). */
  private open(): void {
    const returned = takeCardReturn();
    const link = readLink(location.hash);
    this.token = link.token ?? returned?.token;
    this.card?.close();
    this.card = undefined;
    this.cardOpen = false;
    if (!this.token) {
      this.view = 'link';
      this.problem = undefined;
      return;
    }
    this.client = new ManageClient(this.endpointUrl(), this.token);
    void this.load(link.card, returned?.setupIntent);
  }

  private async load(openCard = false, returnedSetup?: string): Promise<void> {
    this.view = 'loading';
    try {
      const answer = await this.client!.gift();
      this.show(answer);
      // Opened in the gift's language, unless the donor has already chosen one here.
      if (!this.hasAttribute('lang')) this.lang = answer.gift.locale;
      this.view = 'gift';
      if (returnedSetup) void this.run('card', () => this.client!.confirmCard(returnedSetup), (next) => this.cardSaved(next));
      else if (openCard && answer.gift.status !== 'canceled') {
        await this.updateComplete;
        this.startCard();
      }
    } catch (error) {
      const code = error instanceof ManageError ? error.code : 'network_error';
      if (LINK_PROBLEMS.includes(code) || (error instanceof ManageError && error.status >= 400 && error.status < 500)) {
        this.view = 'link';
        this.problem = code === 'link_expired' ? 'link_expired' : 'link_invalid';
      } else {
        this.view = 'failed';
      }
    }
  }

  /** The gift as the endpoint now has it: the change section starts from it again. */
  private show(answer: ManageResponse): void {
    this.answer = answer;
    const { gift } = answer;
    this.draft = { amount: this.typed(gift.gift, gift.currency), frequency: gift.frequency, coverFee: gift.coverFee };
    this.amountShown = false;
  }

  /** An amount as the donor would type it in their language: `25`, `25.50`, `25,50`. */
  private typed(minor: number, currency: string): string {
    const digits = minorDigits(currency);
    const shown = minor % 10 ** digits === 0 ? 0 : digits;
    return this.localize.number(minor / 10 ** digits, { minimumFractionDigits: shown, maximumFractionDigits: shown, useGrouping: false });
  }

  private endpointUrl(): string {
    return this.endpoint ?? SCRIPT_ORIGIN ?? location.origin;
  }

  private radioGroup(part: string, select: (index: number) => void, selectionFollowsFocus = true): RadioGroupController {
    return new RadioGroupController(this, {
      radios: () => [...(this.renderRoot?.querySelectorAll<HTMLElement>(`[part~="${part}"]`) ?? [])],
      select,
      selectionFollowsFocus,
    });
  }

  private readonly handleHashChange = () => this.open();

  private chooseLanguage(language: Language): void {
    if (language === this.localize.language) return;
    this.lang = language;
    void this.localize.refresh();
  }

  private editDraft(change: Partial<ChangeDraft>): void {
    this.draft = { ...this.draft, ...change };
    if (this.done.change) this.done = { ...this.done, change: undefined };
  }

  /**
   * One change: one POST (with its Idempotency-Key, reused when the same change is tried again after
   * a lost answer), every other control inert meanwhile, and its outcome shown below the button and
   * said politely.
   */
  private async run<T>(section: Section, call: () => Promise<T>, after: (answer: T) => string): Promise<void> {
    if (this.busy) return;
    this.busy = section;
    this.failure = undefined;
    this.done = {};
    this.announcement = '';
    try {
      const answer = await call();
      const words = after(answer);
      this.done = { [section]: words };
      this.announcement = words;
    } catch (error) {
      const failure = error instanceof ManageError ? error : new ManageError('network_error');
      if (LINK_PROBLEMS.includes(failure.code)) {
        this.view = 'link';
        this.problem = failure.code as LinkProblem;
        return;
      }
      // Lost on the way (or the server's fault): the same change may be tried again, with the same key.
      const retry = failure.status === 0 || failure.status >= 500 ? () => void this.run(section, call, after) : undefined;
      this.failure = { section, code: failure.code, message: (failure as ManageError & { stripeMessage?: string }).stripeMessage, retry };
      if (failure.field === 'gift') {
        this.amountShown = true;
        this.focusLater('custom-amount');
      }
    } finally {
      this.busy = undefined;
    }
  }

  private sendChange(section: Section, change: ManageChange, words: (answer: ManageResponse) => string): Promise<void> {
    return this.run(section, () => this.client!.change(change), (answer) => {
      this.show(answer);
      return words(answer);
    });
  }

  private readonly saveChange = () => {
    const state = this.change;
    if (!state?.change) {
      this.amountShown = true;
      if (state?.error) this.focusLater('custom-amount');
      else this.done = { change: this.localize.term('manage.change.unchanged') };
      return;
    }
    void this.sendChange('change', state.change, ({ gift }) =>
      this.localize.term('manage.change.done', {
        total: sayMoney(this.localize, gift.total, gift.currency),
        frequency: this.localize.term(`manage.change.every.${gift.frequency}`),
      }),
    );
  };

  private readonly pause = () =>
    void this.sendChange('pause', { action: 'pause', months: this.pauseMonths }, ({ gift }) =>
      this.localize.term('manage.pause.done', { date: sayDate(this.localize, gift.pausedUntil ?? gift.nextPaymentAt ?? '') }),
    );

  private readonly resume = () =>
    void this.sendChange('pause', { action: 'resume' }, ({ gift }) =>
      this.localize.term('manage.pause.resumed', { date: sayDate(this.localize, gift.nextPaymentAt ?? '') }),
    );

  private readonly cancel = () => {
    void this.sendChange('cancel', { action: 'cancel' }, () => {
      this.asking = false;
      this.focusLater('gift-status');
      return this.localize.term('manage.cancel.done');
    });
  };

  /** "Update card": the card form opens, the SetupIntent is asked for and Stripe.js loads. */
  private startCard(): void {
    if (!this.answer || !this.client) return;
    this.card?.close();
    this.cardSlot.replaceChildren();
    const card = new CardStep(this, this.client, () => this.requestUpdate());
    this.card = card;
    this.cardOpen = true;
    this.failure = undefined;
    this.focusLater('card-heading');
    void card.open(this.answer, this.endpointUrl(), this.cardSlot, this.localize.language);
  }

  private readonly saveCard = () => {
    const card = this.card;
    if (!card || card.status !== 'ready' || !this.token) return;
    // Should Stripe need to send the donor away (a bank's check), the page they come back to finishes the job.
    keepCardReturn(this.token);
    void this.run('card', () => card.save(location.origin + location.pathname), (answer) => this.cardSaved(answer));
  };

  private cardSaved(answer: ManageResponse): string {
    takeCardReturn();
    this.show(answer);
    this.card?.close();
    this.card = undefined;
    this.cardOpen = false;
    this.focusLater('card-heading');
    const { card } = answer.gift;
    const saved = card
      ? this.localize.term('manage.card.done', { brand: brandName(card.brand), last4: card.last4 })
      : this.localize.term('manage.card.doneNoDetails');
    // A renewal had failed: the endpoint tried the payment due with the new card at once.
    const { openInvoice } = answer as ManageResponse & { openInvoice?: 'paid' | 'failed' };
    return openInvoice === 'paid' ? `${saved} ${this.localize.term('manage.card.openInvoicePaid')}` : openInvoice === 'failed' ? `${saved} ${this.localize.term('manage.card.openInvoiceFailed')}` : saved;
  }

  private readonly keepCard = () => {
    this.card?.close();
    this.card = undefined;
    this.cardOpen = false;
    this.focusLater('card-update');
  };

  private readonly sendLink = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.linkBusy) return;
    const email = this.email.trim();
    const code = !email ? 'email_required' : isEmail(email) ? undefined : 'email_invalid';
    this.emailError = code && this.localize.term(`errors.${code}`);
    this.linkSent = false;
    if (code) {
      this.focusLater('link-email');
      return;
    }
    this.linkBusy = true;
    try {
      await requestLink(this.endpointUrl(), { email, locale: this.localize.language });
      this.linkSent = true;
    } catch (error) {
      const failure = error instanceof ManageError ? error : new ManageError('network_error');
      this.emailError = this.localize.term(`errors.${failure.code}`);
      this.focusLater('link-email');
    } finally {
      this.linkBusy = false;
    }
  };

  private focusLater(id: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus());
  }

  /** A failure's words: Stripe's own for a card it refused, else ours for the code. */
  private failureText(section: Section): { message: string; retry?: () => void } | undefined {
    const failure = this.failure;
    if (!failure || failure.section !== section) return undefined;
    if (failure.message) return { message: failure.message };
    const manage = `manage.errors.${failure.code}`;
    const ours = this.localize.term(manage);
    return { message: ours !== manage ? ours : this.localize.term(`errors.${failure.code}`), retry: failure.retry };
  }

  override render(): TemplateResult {
    const { language } = this.localize;
    return html`
      <div part="base" class="base" lang=${language} dir="ltr">
        ${renderLanguageSwitch(this.localize, this.languageKeys, (choice) => this.chooseLanguage(choice))}
        ${this.view === 'gift' && this.answer ? this.renderManage(this.answer) : this.renderOther()}
        <p class="visually-hidden" aria-live="polite" id="announcement">${this.announcement}</p>
      </div>
    `;
  }

  private renderOther(): TemplateResult {
    const t = (key: string) => this.localize.term(key);
    if (this.view === 'loading') {
      return html`<h1 class="title">${t('manage.title')}</h1><p class="muted" role="status" id="loading">${t('manage.loading')}</p>`;
    }
    if (this.view === 'failed') {
      return html`<div class="error-page">
        <h1 class="title">${t('manage.title')}</h1>
        <p class="error payment-error" role="alert" id="load-error">${t('manage.errors.load_failed')}</p>
        <button part="button" class="submit" type="button" id="load-retry" @click=${() => void this.load()}>${t('manage.retry')}</button>
      </div>`;
    }
    return renderLinkRequest(this.localize, {
      problem: this.problem,
      email: this.email,
      error: this.emailError,
      busy: this.linkBusy,
      sent: this.linkSent,
      input: (event) => {
        this.email = (event.target as HTMLInputElement).value;
        this.emailError = undefined;
      },
      send: this.sendLink,
    });
  }

  private renderManage(answer: ManageResponse): TemplateResult {
    const { gift } = answer;
    const state = this.change!;
    const common = { busy: this.busy };
    const section = (name: Section) => ({ ...common, done: this.done[name], error: this.failureText(name) });
    const words = errorWords(this.localize, gift.currency, { ...answer, currencies: [gift.currency] });
    const canceled = gift.status === 'canceled';
    return html`
      <h1 class="title">${this.localize.term('manage.title')}</h1>
      ${renderGift(this.localize, gift)}
      ${canceled && this.done.cancel ? html`<p part="done" class="done" id="cancel-done">${this.done.cancel}</p>` : nothing}
      ${canceled
        ? nothing
        : html`
            ${renderChange(this.localize, {
              ...section('change'),
              draft: this.draft,
              state,
              currency: gift.currency,
              limits: answer,
              amountError: this.amountShown && state.error ? words.field(state.error) : undefined,
              frequencyKeys: this.frequencyKeys,
              feeKeys: this.feeKeys,
              chooseFrequency: (frequency: RecurringFrequency) => this.editDraft({ frequency }),
              chooseCoverFee: (coverFee) => this.editDraft({ coverFee }),
              input: (event) => this.editDraft({ amount: (event.target as HTMLInputElement).value }),
              leave: () => (this.amountShown = true),
              save: this.saveChange,
            })}
            ${renderCard(this.localize, {
              ...section('card'),
              card: gift.card,
              open: this.cardOpen ? (this.card?.status ?? 'loading') : undefined,
              start: () => this.startCard(),
              save: this.saveCard,
              keep: this.keepCard,
            })}
            ${renderPause(this.localize, {
              ...section('pause'),
              paused: gift.status === 'paused',
              months: this.pauseMonths,
              keys: this.pauseKeys,
              choose: (months) => (this.pauseMonths = months),
              pause: this.pause,
              resume: this.resume,
            })}
            ${renderCancel(this.localize, {
              ...section('cancel'),
              asking: this.asking,
              frequency: gift.frequency,
              ask: () => {
                this.asking = true;
                this.focusLater('cancel-question');
              },
              confirm: this.cancel,
              keep: () => {
                this.asking = false;
                this.focusLater('cancel-start');
              },
              lower: () => {
                this.asking = false;
                this.focusLater('custom-amount');
              },
              pause: () => {
                this.asking = false;
                this.focusLater(gift.status === 'paused' ? 'pause-resume' : 'pause-heading');
              },
            })}
          `}
      ${renderPayments(this.localize, gift)}
    `;
  }
}
