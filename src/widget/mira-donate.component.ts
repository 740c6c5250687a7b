import { adoptStyles, html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { DonationRequest, Frequency, TributeKind } from '../core/donation.js';
import { TRIBUTE_KINDS } from '../core/donation.js';
import type { FieldError } from '../core/errors.js';
import { LANGUAGES, type Language } from '../core/locale.js';
import { AnnounceController } from './controllers/announce.js';
import { CampaignController } from './controllers/campaign.js';
import { FirstRenderController, warmLit } from './controllers/first-render.js';
import { LocalizeController } from './controllers/localize.js';
import { PaymentStepController } from './controllers/payment-step.js';
import { RadioGroupController } from './controllers/radio-group.js';
import { emptyDraft, giftOf, type Draft } from './draft.js';
import { SCRIPT_ORIGIN } from './endpoint.js';
import type { FirstIntent, PaymentFailure, PaymentOutcome, PaymentState, PaymentSuccess, PressGuard } from './first-intent/index.js';
import { FIELD_INPUTS, formState, type FormInputs, type FormState } from './form-state.js';
import type { Loads } from './loads.js';
import { completeDetail, type ChangedField, type DonateChangeDetail, type DonateSubmitDetail } from './mira-donate.events.js';
import { parseFrequencies, parsePresets, toMinor, type Presets } from './presets.js';
import { styles } from './mira-donate.styles.js';
import { FIRST_LOAD_GROUPS } from './terms.js';
import { renderAmount, renderFeeCover, renderFrequency, renderLanguageSwitch, renderRadio } from './templates/choices.js';
import { renderField } from './templates/field.js';
import { renderDonor, renderTribute } from './templates/people.js';
import { atLeast, renderProgress, type ProgressFigures } from './templates/progress.js';
import { renderModeNotice, renderPaymentError, renderSubmit, renderSummary, summaryText } from './templates/summary.js';
import { warmIntl } from './warm-intl.js';

/** Where the payment step's light-DOM home shows (the `payment` slot). */
const PAYMENT_SLOT = html`<slot name="payment"></slot>`;

/** A page on a slow line gets the form in English rather than nothing, if its language takes longer than this. */
const FIRST_RENDER_WAIT_MS = 3_000;
/**
 * The first render shows the endpoint's figures and mode if they come within this (the snippet holds
 * the form's place meanwhile), so nothing in the form moves when they arrive; later, the figures'
 * space is kept for them (templates/progress.ts).
 */
const FIGURES_WAIT_MS = 800;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until an entry module says how (mira-donate.ts or mira-donate.script.ts), nothing loads later. */
const NOTHING_LOADS: Loads = {
  firstIntent: () => Promise.reject(new Error('<mira-donate>: no way to load the first-intent chunk')),
  language: () => Promise.reject(new Error('<mira-donate>: no way to load other languages')),
};

/**
 * A donation form: progress toward the goal, frequency, amount, fee cover, tribute and donor details,
 * the payment (Stripe's Payment Element) and a thank-you, in English, Spanish or Portuguese.
 *
 * @tag mira-donate
 * @summary MIRA's donation form as one element, pasted into any page with one script tag.
 *
 * @attr {string} lang - `en`, `es` or `pt`. Without it: the nearest `[lang]` ancestor, then the browser's languages, then English.
 *
 * @slot payment - Light-DOM home for the payment step (Stripe's Payment Element cannot mount in a shadow root): the element adds a `<div slot="payment" class="mira-donate-payment">` child while it is on the page. Sits between the donor details and the summary.
 *
 * @event {CustomEvent<DonateSubmitDetail>} mira-donate-submit - The donor pressed Donate and the form is valid; `detail.request` is the contract's donation request, about to be paid. Cancelable: `preventDefault()` stops the payment (the page then takes it from there).
 * @event {CustomEvent<DonateCompleteDetail>} mira-donate-complete - The gift went through (or, for a bank debit, is processing): `{donationId, gift, fee, total, currency, frequency}`, amounts in minor units. No names or emails.
 * @event {CustomEvent<DonateChangeDetail>} mira-donate-change - The donor changed a choice (never fired when code sets a property). No names or emails in the detail.
 *
 * @csspart base - The wrapper around everything.
 * @csspart language-switch - The EN / ES / PT group.
 * @csspart language-option - One language button.
 * @csspart progress - Progress toward the goal: figures and bar.
 * @csspart progress-bar - The bar's track.
 * @csspart progress-fill - The bar's filled part.
 * @csspart form - The form.
 * @csspart frequency - The frequency group.
 * @csspart frequency-option - One frequency button.
 * @csspart amounts - The preset amounts group.
 * @csspart amount-option - One preset amount button.
 * @csspart custom-amount - The "other amount" input.
 * @csspart fee-cover - The "Be More Extraordinary" group.
 * @csspart fee-option - One fee-cover choice.
 * @csspart tribute - The in honor / in memory section.
 * @csspart tribute-kind - "In honor of" or "In memory of".
 * @csspart donor - The donor details section.
 * @csspart label - A field's label.
 * @csspart input - A text field.
 * @csspart checkbox - A checkbox.
 * @csspart error - An inline error message.
 * @csspart summary - The line saying what is charged, how often and what MIRA receives (said aloud, politely, when it changes).
 * @csspart error-summary - After a Donate with something to fix, below the button: each field to fix, as a link to it (also has the `error` part).
 * @csspart submit-button - The Donate button; `aria-busy="true"` while a payment is under way (the fields above it are `inert` meanwhile).
 * @csspart mode-notice - In demo or test mode, the line saying no real payment is taken.
 * @csspart payment-error - Why the last payment attempt failed (also has the `error` part).
 * @csspart thank-you - The thank-you shown in place of the form once the gift went through.
 * @csspart give-elsewhere - On a page whose site may not take gifts, in place of the form: that, and a link to give on MIRA's own page (`give-elsewhere-link`).
 *
 * @cssproperty --mira-brand - Buttons, chosen options, the progress fill. Default `#1a4f8b`.
 * @cssproperty --mira-on-brand - Text on the brand colour. Default `#ffffff`.
 * @cssproperty --mira-text - Body text. Default `#1f2328`.
 * @cssproperty --mira-muted - Hints and secondary text. Default `#525a64`.
 * @cssproperty --mira-background - The form's background. Default `#ffffff`.
 * @cssproperty --mira-surface - Option buttons and the progress track. Default `#eef1f5`.
 * @cssproperty --mira-border - Borders of fields and options. Default `#6b7480`.
 * @cssproperty --mira-error - Error text and borders. Default `#b3261e`.
 * @cssproperty --mira-radius - Corner radius. Default `0.5rem`.
 * @cssproperty --mira-focus-ring - The focus outline colour. Default `#1a4f8b`, drawn 3px wide with an offset.
 * @cssproperty --mira-gap - Space between sections. Default `1.25rem`.
 * @cssproperty --mira-max-width - Widest the form grows. Default `36rem`.
 */
export class MiraDonate extends LitElement {
  static override styles = styles;
  /**
   * Reactive properties: the public ones below follow the attribute of the same name; the private
   * ones (`state`) re-render the form without one. Declared here rather than with Lit's decorators,
   * which do the same but cost the pasted script about half a kilobyte gzip.
   */
  static override properties: PropertyDeclarations = {
    draft: { state: true, attribute: false },
    touched: { state: true, attribute: false },
    submitted: { state: true, attribute: false },
    paying: { state: true, attribute: false },
    endpointErrors: { state: true, attribute: false },
    paymentError: { state: true, attribute: false },
    completed: { state: true, attribute: false },
    campaign: {},
    source: {},
    endpoint: {},
    currency: {},
    amounts: {},
    frequency: {},
    frequencies: {},
    goal: { type: Number },
    raised: { type: Number },
    donors: { type: Number },
  };
  /** Compared when the script is loaded twice. */
  static readonly version: string = '0.2.0';
  /** How the first-intent chunk and other languages load: set by the entry module for its build. */
  static loads: Loads = NOTHING_LOADS;

  private readonly localize = new LocalizeController(this, (language) => MiraDonate.loads.language(language));
  /**
   * Derived from the `amounts`, `currency` and `frequencies` attributes when they change (the first
   * update sets them: reading a currency's digits builds an Intl formatter, too slow for the upgrade).
   */
  private presets: Presets = { once: [], month: [], year: [] };
  private offeredFrequencies: Frequency[] = parseFrequencies(undefined);
  private readonly data = new CampaignController(this);
  private readonly step = new PaymentStepController(this, {
    load: () => MiraDonate.loads.firstIntent(),
    endpoint: () => this.endpointUrl(),
    config: () => this.data.settings.payment,
    state: () => this.paymentState(),
    returned: (outcome) => this.settle(outcome),
  });
  // Arrows only move through the languages; Space or Enter (or a click) choose one: each choice
  // translates the whole form, and a screen reader starts speaking the new language.
  private readonly languageKeys = this.radioGroup('language-option', (i) => this.chooseLanguage(LANGUAGES[i]), false);
  private readonly frequencyKeys = this.radioGroup('frequency-option', (i) => this.chooseFrequency(this.offeredFrequencies[i]));
  private readonly amountKeys = this.radioGroup('amount-option', (i) => this.choosePreset(this.presets[this.draft.frequency][i]));
  private readonly feeKeys = this.radioGroup('fee-option', (i) => this.chooseCoverFee(i === 0));
  private readonly tributeKeys = this.radioGroup('tribute-kind', (i) => this.chooseTributeKind(TRIBUTE_KINDS[i]));
  /** The summary said aloud when what is charged changes. */
  private readonly announce = new AnnounceController(this);

  /** Everything the donor has chosen or typed: the one place the form's state lives. */
  private draft: Draft = emptyDraft('once');
  /** Errors shown by leaving a field wait for the click that left it (first-intent/press-guard.ts): there are errors only once the chunk is here. */
  private press?: PressGuard;
  /** Fields the donor has typed in (not merely passed through). */
  private readonly typedIn = new Set<string>();
  /** Fields the donor typed in and then left, so their errors show; all of them after a Donate attempt. */
  private touched = new Set<string>();
  private submitted = false;
  /** From the press of Donate until the payment's outcome: the button is busy and takes no second press. */
  private paying = false;
  /** Field errors the endpoint found that the form could not (shown inline until the donor edits). */
  private endpointErrors: FieldError[] = [];
  /** Why the last attempt failed, when it is not one field's fault. */
  private paymentError?: PaymentFailure;
  /** The gift that went through: the thank-you (from the first-intent chunk, here by then) replaces the form. */
  private completed?: PaymentSuccess;
  /** What the form shows and may submit, derived from the draft once per update (form-state.ts). */
  private form!: FormState;

  /** The campaign whose progress is shown and to which gifts go, e.g. `mira`. */
  campaign = '';
  /** Which member organization gifts here are credited to, as a short slug (`cosecha`); optional. */
  source?: string;
  /** Base URL of the hosted endpoint. Defaults to the origin the script was loaded from; `""` uses none (Donate then only validates and fires `mira-donate-submit`). */
  endpoint?: string;
  /** ISO 4217 currency of the gift. */
  currency = 'USD';
  /** Preset amounts in whole currency units: `"25 50 100"`, or per frequency `"once: 50 100; month: 10 25"`. */
  amounts?: string;
  /** The frequency chosen at first: `once`, `month` or `year`. */
  frequency: Frequency = 'once';
  /** Which frequencies to offer, space-separated, from `once month year`. */
  frequencies?: string;
  /** Static goal in whole currency units, for pages with no endpoint or while the endpoint's figures load. */
  goal?: number;
  /** Static amount raised in whole currency units. */
  raised?: number;
  /** Static number of donors. */
  donors?: number;

  override willUpdate(changed: PropertyValues<this>): void {
    this.derive(changed);
    if (changed.has('endpoint') || changed.has('campaign') || !this.hasUpdated) {
      this.data.load(this.endpointUrl(), this.campaign);
    }
    // A page that may not take gifts says so with the chunk's words, and never loads Stripe.
    if (this.data.settings.giveElsewhere && !this.step.firstIntent) this.step.chunk().catch(() => {});
    const charged = this.form;
    this.announce.follow(`${charged.frequency} ${charged.currency} ${charged.gift} ${charged.total}`, () => summaryText(this.localize, this.form));
  }

  /** What the form shows, from its attributes and the draft: presets, frequencies, the draft itself, and the form's state. */
  private derive(changed: PropertyValues<this>): void {
    if (changed.has('amounts') || changed.has('currency')) this.presets = parsePresets(this.amounts, this.currency);
    if (changed.has('frequencies')) this.offeredFrequencies = parseFrequencies(this.frequencies);
    if (changed.has('frequency') || changed.has('frequencies') || changed.has('amounts') || !this.hasUpdated) {
      const frequency = this.offeredFrequencies.includes(this.frequency) ? this.frequency : this.offeredFrequencies[0];
      if (!this.hasUpdated) this.draft = emptyDraft(frequency, this.defaultPreset(frequency));
      else if (frequency !== this.draft.frequency) this.draft = this.withFrequency(frequency);
    }
    // New presets from code: a chosen amount that is no longer offered gives way to the default one.
    const { preset, frequency } = this.draft;
    if (preset !== undefined && !this.presets[frequency].includes(preset)) this.draft = { ...this.draft, preset: this.defaultPreset(frequency) };
    this.form = formState(this.formInputs());
  }

  /**
   * The whole form's template made once, off the page, before the first render, in two steps (what
   * it shows, then its template): every string and amount it shows is then made (and kept), so the
   * first render's updates only add markup.
   */
  private readonly rehearsal = [
    () => this.derive(new Map([['amounts', undefined], ['currency', undefined], ['frequencies', undefined]]) as PropertyValues<this>),
    () => void this.whole(),
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.press?.end();
  }

  /**
   * The first render comes after the set-up it needs, each part in a task of its own so the host page
   * is never held up for long (controllers/first-render.ts): the styles, Intl set up off the main
   * thread where the page allows a worker (warm-intl.ts), the campaign's figures asked for, the
   * language's strings (a moment, so no other language shows first), i18next set up, the form's
   * strings made a group a step, Intl's formatters made one a step, the whole form's template made
   * once (the rehearsal), Lit's code run once, and the figures (a moment, so they do not arrive into
   * a form already shown).
   */
  private readonly firstRender = new FirstRenderController(this, [
    () => adoptStyles(this.renderRoot as ShadowRoot, (this.constructor as typeof LitElement).elementStyles),
    () => void warmIntl(),
    () => {
      this.data.load(this.endpointUrl(), this.campaign);
      this.figuresDue = Promise.race([this.data.settled, delay(FIGURES_WAIT_MS)]);
    },
    async () => {
      await this.localize.connecting;
      if (this.localize.pending) await Promise.race([this.localize.pending, delay(FIRST_RENDER_WAIT_MS)]);
    },
    () => this.localize.warm(),
    // The worker has set Intl up by now, on a phone too: the strings' plural rules then come cheap.
    () => warmIntl(),
    ...FIRST_LOAD_GROUPS.map((group) => () => this.localize.prime(group)),
    ...this.localize.formatWarmers(() => this.currency.toUpperCase()),
    ...this.rehearsal,
    ...warmLit,
    () => this.figuresDue,
  ]);
  private figuresDue?: Promise<unknown>;

  /** The shadow root at once (it shows the snippet's placeholder); its styles in a step of the first render, as parsing them is the upgrade's slowest part. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    return this.shadowRoot ?? this.attachShadow((this.constructor as typeof LitElement).shadowRootOptions);
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated) return super.scheduleUpdate();
    return this.firstRender.whenReady().then(() => super.scheduleUpdate());
  }

  /** Also waits for a language on its way, so a caller that awaits it sees the form in that language. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    // The first render comes in parts (controllers/first-render.ts): complete once it is whole.
    await this.firstRender.rendered;
    while (this.localize.pending) await this.localize.pending;
    return super.getUpdateComplete();
  }

  private endpointUrl(): string | undefined {
    return this.endpoint ?? SCRIPT_ORIGIN;
  }

  private radioGroup(part: string, select: (index: number) => void, selectionFollowsFocus = true): RadioGroupController {
    return new RadioGroupController(this, {
      radios: () => [...(this.renderRoot?.querySelectorAll<HTMLElement>(`[part~="${part}"]`) ?? [])],
      select,
      selectionFollowsFocus,
    });
  }

  /** The second preset, the one most donors pick, or the only one. */
  private defaultPreset(frequency: Frequency): number | undefined {
    const presets = this.presets[frequency];
    return presets[1] ?? presets[0];
  }

  private withFrequency(frequency: Frequency): Draft {
    const { preset } = this.draft;
    const before = this.presets[this.draft.frequency];
    // Keep the donor's place in the list: the second preset stays the second one.
    const index = preset === undefined ? -1 : before.indexOf(preset);
    const after = this.presets[frequency];
    return { ...this.draft, frequency, preset: index < 0 ? undefined : (after[index] ?? after[after.length - 1]) };
  }

  private formInputs(): FormInputs {
    return {
      draft: this.draft,
      campaign: this.campaign,
      source: this.source,
      currency: this.currency.toUpperCase(),
      language: this.localize.language,
      limits: this.data.settings.limits,
      feeRates: this.data.settings.feeRates,
      validate: this.step.firstIntent?.validate,
      touched: this.touched,
      submitted: this.submitted,
      endpointErrors: this.endpointErrors,
    };
  }

  private paymentState(): PaymentState | undefined {
    // Before the first update (a return read back on the way in) there is nothing to show yet.
    const form = this.form as FormState | undefined;
    if (form?.total === undefined) return undefined;
    return { frequency: form.frequency, currency: form.currency, total: form.total, language: this.localize.language };
  }

  /** The campaign's figures, else the static ones, with gifts made here counted at once. */
  private figures(): ProgressFigures | undefined {
    const { campaign } = this.data;
    const currency = (campaign?.currency ?? this.currency).toUpperCase();
    const staticGoal = this.goal !== undefined && this.goal > 0 ? toMinor(this.goal, currency) : undefined;
    const figures = campaign
      ? { goal: campaign.goal, raised: campaign.raised, donors: campaign.donors as number | undefined }
      : staticGoal !== undefined
        ? { goal: staticGoal, raised: toMinor(this.raised ?? 0, currency), donors: this.donors }
        : undefined;
    return figures && atLeast(figures, this.data.floor);
  }

  private edit(field: ChangedField, change: Partial<Draft>): void {
    this.draft = { ...this.draft, ...change };
    if (this.endpointErrors.length) this.endpointErrors = [];
    this.emitChange(field);
  }

  private emitChange(field: ChangedField): void {
    const gift = giftOf(this.draft, this.currency, this.localize.language);
    const detail: DonateChangeDetail = {
      field,
      frequency: this.draft.frequency,
      ...(gift.ok ? { gift: gift.gift } : {}),
      coverFee: this.draft.coverFee,
      currency: this.currency.toUpperCase(),
    };
    this.dispatchEvent(new CustomEvent('mira-donate-change', { detail, bubbles: true, composed: true }));
  }

  /** The form speaks the language once its strings are here (at once, or after a moment); the page is told then. */
  private chooseLanguage(language: Language): void {
    if (language === this.localize.language) return;
    this.lang = language;
    void this.localize.refresh().then((changed) => changed && this.emitChange('lang'));
  }

  private chooseFrequency(frequency: Frequency): void {
    if (frequency === this.draft.frequency) return;
    this.frequency = frequency;
    this.draft = this.withFrequency(frequency);
    this.emitChange('frequency');
  }

  private choosePreset(preset: number): void {
    if (preset === this.draft.preset && !this.draft.customAmount) return;
    this.edit('amount', { preset, customAmount: '' });
    if (this.touched.has('gift')) this.touched = new Set([...this.touched].filter((field) => field !== 'gift'));
  }

  private chooseCoverFee(coverFee: boolean): void {
    if (coverFee !== this.draft.coverFee) this.edit('coverFee', { coverFee });
  }

  private chooseTributeKind(kind: TributeKind): void {
    this.edit('tribute', { tribute: { ...this.draft.tribute, kind } });
  }

  /** The donor's first intent (first interaction with the form, or Donate hovered or focused): the payment step gets ready. */
  private readonly handleFirstIntent = () => {
    void this.step.start();
  };

  private readonly handleCustomAmount = (event: InputEvent) => {
    const customAmount = (event.target as HTMLInputElement).value;
    this.edit('amount', { customAmount, preset: customAmount.trim() ? undefined : this.draft.preset });
  };

  /** Enter in Other amount (a phone's Go key, "Next" here) takes the amount and moves on; it does not submit the form. */
  private readonly handleAmountKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('[part~="fee-option"][tabindex="0"]')?.focus();
  };

  /** Typing in a field is what makes leaving it show its error. */
  private readonly handleInput = (event: Event) => {
    this.handleFirstIntent();
    const field = fieldOf(event.target);
    if (field) this.typedIn.add(field);
  };

  private readonly handlePointerDown = () => {
    this.handleFirstIntent();
    const firstIntent = this.step.firstIntent;
    if (firstIntent) (this.press ??= new firstIntent.PressGuard()).pressed();
  };

  /** A field typed in and left shows its error, once the press that left it (if any) is over. */
  private readonly handleBlur = (event: FocusEvent) => {
    const field = fieldOf(event.target);
    if (!field || !this.typedIn.has(field) || this.touched.has(field)) return;
    const touch = () => {
      if (!this.touched.has(field)) this.touched = new Set(this.touched).add(field);
    };
    if (this.press) this.press.afterPress(touch);
    else touch();
  };

  private readonly donorInput = (key: keyof Draft['donor']) => (event: InputEvent) =>
    this.edit('donor', { donor: { ...this.draft.donor, [key]: (event.target as HTMLInputElement).value } });

  private readonly tributeInput = (key: 'name' | 'notifyEmail' | 'message') => (event: InputEvent) =>
    this.edit('tribute', { tribute: { ...this.draft.tribute, [key]: (event.target as HTMLInputElement).value } });

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  /**
   * Donate: validates the form and, when valid, dispatches `mira-donate-submit` and pays. Otherwise
   * shows every error and moves focus to the first field to fix. Resolves to the validated request
   * (before the payment's outcome, which `mira-donate-complete` or an error message tells), or
   * undefined when the form needs fixing or a payment is already under way.
   */
  submit(): Promise<DonationRequest | undefined> {
    if (this.paying || this.completed) return Promise.resolve(undefined);
    // The chunk is normally here since the donor's first interaction: then nothing is awaited
    // between the click and Stripe, which wallets need.
    if (this.step.firstIntent) return Promise.resolve(this.validateAndPay(this.step.firstIntent));
    this.startPaying();
    return this.step.start().then((firstIntent) => {
      this.paying = false;
      if (firstIntent) return this.validateAndPay(firstIntent);
      this.paymentError = { status: 'failed', code: 'network_error' };
      return undefined;
    });
  }

  private validateAndPay(firstIntent: FirstIntent): DonationRequest | undefined {
    // The draft as it is at this press, validated: the last update may not have seen the chunk yet.
    const { request, errors } = formState({ ...this.formInputs(), validate: firstIntent.validate, submitted: true });
    this.submitted = true;
    this.paymentError = undefined;
    if (!request) {
      const wrong = new Set(errors.map((error) => error.field));
      this.focusLater(Object.keys(FIELD_INPUTS).find((field) => wrong.has(field)) ?? 'error-summary');
      return undefined;
    }
    const detail: DonateSubmitDetail = { request };
    const proceed = this.dispatchEvent(new CustomEvent('mira-donate-submit', { detail, bubbles: true, composed: true, cancelable: true }));
    if (!proceed || !this.endpointUrl()) return request;
    this.startPaying();
    void this.step.pay(request).then((outcome) => this.settle(outcome));
    return request;
  }

  /**
   * From here until the outcome the form is inert: what is paid for is what Donate was pressed for.
   * Focus in a field (Enter pressed there) goes to the busy Donate button rather than being lost.
   */
  private startPaying(): void {
    const focused = this.renderRoot.querySelector('.fields')?.contains((this.renderRoot as ShadowRoot).activeElement);
    if (focused) this.renderRoot.querySelector<HTMLElement>('#donate')?.focus();
    this.paying = true;
  }

  /** The payment's outcome: the thank-you, or what went wrong with everything the donor typed kept. */
  private settle(outcome: PaymentOutcome): void {
    this.paying = false;
    if (outcome.status === 'failed') {
      if (outcome.field && FIELD_INPUTS[outcome.field]) {
        this.endpointErrors = [{ code: outcome.code, field: outcome.field }];
        this.focusLater(outcome.field);
      } else {
        this.paymentError = outcome;
      }
      return;
    }
    const { donation } = outcome;
    this.paymentError = undefined;
    this.completed = outcome;
    // A bank debit still processing is not raised yet: the endpoint counts it when it clears.
    // (A payment's outcome comes through the first-intent chunk, so it is here.)
    if (outcome.status === 'succeeded') this.step.firstIntent?.countGift(this.data, donation.gift, this.figures());
    const detail = completeDetail(donation);
    this.dispatchEvent(new CustomEvent('mira-donate-complete', { detail, bubbles: true, composed: true }));
    // Focus moves to the thanks, so a screen reader reads them and the keyboard continues from there.
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#thank-you')?.focus());
  }

  /** Focus a field (by its request path) or a node (by id) once it is rendered. */
  private focusLater(target: string): void {
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${FIELD_INPUTS[target] ?? target}`)?.focus());
  }

  override render(): TemplateResult {
    return this.firstRender.shown(this.whole());
  }

  /** Everything the element shows. */
  private whole(): TemplateResult {
    const { language } = this.localize;
    const figures = this.figures();
    // All three languages are written left to right, and so is the form, whatever the page's direction.
    return html`
      <div part="base" class="base" lang=${language} dir="ltr">
        ${renderLanguageSwitch(this.localize, this.languageKeys, (choice) => this.chooseLanguage(choice))}
        ${renderProgress(this.localize, this.data.status, figures, (this.data.campaign?.currency ?? this.currency).toUpperCase())}
        ${this.completed && this.step.firstIntent
          ? this.step.firstIntent.renderThankYou(this.localize, this.completed)
          : this.data.settings.giveElsewhere
            ? this.step.firstIntent?.renderGiveElsewhere(this.localize, this.data.settings.giveElsewhere)
            : this.renderForm()}
      </div>
    `;
  }

  private renderForm(): TemplateResult {
    const t = (key: string) => this.localize.term(key);
    const { draft, form } = this;
    const { currency } = form;
    const firstIntent = this.step.firstIntent;
    // Validation and the words for errors arrive with the first-intent chunk; errors only show once
    // the donor has started, by when it is here.
    const words = firstIntent?.errorWords(this.localize, currency, this.data.settings.limits);
    const errorFor = (field: string) => {
      const error = form.shown[field];
      return error ? words?.field(error) : undefined;
    };
    return html`
      <form part="form" novalidate aria-label=${t('form.label')} @submit=${this.handleSubmit} @focusout=${this.handleBlur}
        @focusin=${this.handleFirstIntent} @pointerdown=${this.handlePointerDown} @keydown=${this.handleFirstIntent} @input=${this.handleInput}>
        <h2 class="visually-hidden">${t('form.label')}</h2>
        <div class="fields" ?inert=${this.paying}>
          ${renderFrequency(this.localize, this.offeredFrequencies, draft.frequency, this.frequencyKeys, (frequency) => this.chooseFrequency(frequency))}
          ${renderAmount(
            this.localize,
            { frequency: draft.frequency, presets: this.presets[draft.frequency], preset: draft.preset, customAmount: draft.customAmount, currency, limits: this.data.settings.limits, error: errorFor('gift') },
            this.amountKeys,
            (preset) => this.choosePreset(preset),
            this.handleCustomAmount,
            this.handleAmountKeyDown,
          )}
          ${renderFeeCover(this.localize, form, draft.coverFee, this.feeKeys, (coverFee) => this.chooseCoverFee(coverFee))}
          ${renderTribute(
            this.localize,
            draft.withTribute,
            (withTribute) => this.edit('tribute', { withTribute }),
            draft.withTribute
              ? firstIntent?.renderTributeDetails(
                  this.localize,
                  draft.tribute,
                  this.tributeKeys,
                  errorFor,
                  { chooseKind: (kind) => this.chooseTributeKind(kind), input: this.tributeInput },
                  { radio: renderRadio, field: renderField },
                )
              : undefined,
          )}
          ${renderDonor(this.localize, draft, errorFor, { input: this.donorInput, toggleAnonymous: (anonymous) => this.edit('anonymous', { anonymous }) })}
          ${
            // Values, not markup of .fields, like every part of it: the first render may then show
            // .fields in part, its other parts arriving below (controllers/first-render.ts).
            html`<div class="honeypot" aria-hidden="true">
              <label for="website">${t('honeypot')}</label>
              <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" .value=${draft.website}
                @input=${(e: InputEvent) => (this.draft = { ...this.draft, website: (e.target as HTMLInputElement).value })} />
            </div>`
          }
          ${PAYMENT_SLOT}
        </div>
        ${renderSummary(this.localize, form, this.announce.text)}
        ${renderModeNotice(this.localize, this.data.settings.mode)}
        ${renderPaymentError(
          // Without the first-intent chunk there are no words for errors either: the one thing to say is that it could not load.
          this.paymentError && (words ? words.payment(this.paymentError) : { message: t('form.offline') }),
        )}
        ${renderSubmit(this.localize, form, this.paying, this.handleFirstIntent)}
        ${firstIntent && words && (form.toFix.length || form.unplaced.length)
          ? firstIntent.renderErrorSummary(
              this.localize,
              form.toFix.map((field) => ({ field, input: FIELD_INPUTS[field] })),
              form.unplaced.map(words.field),
              (field) => this.focusLater(field),
            )
          : nothing}
      </form>
    `;
  }
}

/** The request path of the field a node is (`donor.email` for the email input), if it is one. */
function fieldOf(target: EventTarget | null): string | undefined {
  const id = (target as HTMLElement | null)?.id;
  return Object.keys(FIELD_INPUTS).find((field) => FIELD_INPUTS[field] === id);
}
