import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import { charge, LANGUAGES, TRIBUTE_KINDS, type FieldError, type Frequency, type Language } from '../core/index.js';
import { CampaignController } from './controllers/campaign.js';
import { LocalizeController } from './controllers/localize.js';
import { RadioGroupController } from './controllers/radio-group.js';
import { checkDraft, emptyDraft, giftOf, type Draft } from './draft.js';
import { SCRIPT_ORIGIN } from './endpoint.js';
import type { ChangedField, DonateChangeDetail, DonateSubmitDetail } from './events.js';
import { parseFrequencies, parsePresets, progressOf, toMinor, type Presets } from './presets.js';
import { styles } from './mira-donate.styles.js';

/** Where each field's error is shown, in the order the form shows them, so focus goes to the first. */
const FIELD_INPUTS: Record<string, string> = {
  gift: 'custom-amount',
  'tribute.name': 'tribute-name',
  'tribute.notifyEmail': 'tribute-email',
  'tribute.message': 'tribute-message',
  'donor.name': 'donor-name',
  'donor.email': 'donor-email',
};

/**
 * A donation form: progress toward the goal, frequency, amount, fee cover, tribute and donor details,
 * in English, Spanish or Portuguese.
 *
 * @tag mira-donate
 * @summary MIRA's donation form as one element, pasted into any page with one script tag.
 *
 * @attr {string} lang - `en`, `es` or `pt`. Without it: the nearest `[lang]` ancestor, then the browser's languages, then English.
 *
 * @slot payment - Light-DOM home for the payment step (Stripe's Payment Element cannot mount in a shadow root). Sits between the donor details and the summary.
 *
 * @event {CustomEvent<DonateSubmitDetail>} mira-donate-submit - The donor pressed Donate and the form is valid; `detail.request` is the contract's donation request.
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
 * @csspart summary - The line saying what is charged, how often and what MIRA receives.
 * @csspart submit-button - The Donate button.
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
  /** Compared when the script is loaded twice. */
  static readonly version: string = '0.1.0';

  private readonly localize = new LocalizeController(this);
  /** Derived from the `amounts`, `currency` and `frequencies` attributes when they change. */
  private presets: Presets = parsePresets(undefined, 'USD');
  private offeredFrequencies: Frequency[] = parseFrequencies(undefined);
  private readonly data = new CampaignController(this);
  private readonly languageKeys = this.radioGroup('language-option', (i) => this.chooseLanguage(LANGUAGES[i]));
  private readonly frequencyKeys = this.radioGroup('frequency-option', (i) => this.chooseFrequency(this.offeredFrequencies[i]));
  private readonly amountKeys = this.radioGroup('amount-option', (i) => this.choosePreset(this.presets[this.draft.frequency][i]));
  private readonly feeKeys = this.radioGroup('fee-option', (i) => this.chooseCoverFee(i === 0));
  private readonly tributeKeys = this.radioGroup('tribute-kind', (i) => this.edit('tribute', { tribute: { ...this.draft.tribute, kind: TRIBUTE_KINDS[i] } }));

  /** Everything the donor has chosen or typed: the one place the form's state lives. */
  @state() private draft: Draft = emptyDraft('once');
  /** Fields the donor has left, so their errors show; all of them after a Donate attempt. */
  @state() private touched = new Set<string>();
  @state() private submitted = false;

  /** The campaign whose progress is shown and to which gifts go, e.g. `mira`. */
  @property() campaign = '';
  /** Base URL of the hosted endpoint. Defaults to the origin the script was loaded from; `""` uses none. */
  @property() endpoint?: string;
  /** ISO 4217 currency of the gift. */
  @property() currency = 'USD';
  /** Preset amounts in whole currency units: `"25 50 100"`, or per frequency `"once: 50 100; month: 10 25"`. */
  @property() amounts?: string;
  /** The frequency chosen at first: `once`, `month` or `year`. */
  @property() frequency: Frequency = 'once';
  /** Which frequencies to offer, space-separated, from `once month year`. */
  @property() frequencies?: string;
  /** Static goal in whole currency units, for pages with no endpoint or while the endpoint's figures load. */
  @property({ type: Number }) goal?: number;
  /** Static amount raised in whole currency units. */
  @property({ type: Number }) raised?: number;
  /** Static number of donors. */
  @property({ type: Number }) donors?: number;

  override willUpdate(changed: PropertyValues<this>): void {
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
    if (changed.has('endpoint') || changed.has('campaign') || !this.hasUpdated) {
      this.data.load(this.endpoint ?? SCRIPT_ORIGIN, this.campaign);
    }
  }

  private radioGroup(part: string, select: (index: number) => void): RadioGroupController {
    return new RadioGroupController(this, {
      radios: () => [...(this.renderRoot?.querySelectorAll<HTMLElement>(`[part~="${part}"]`) ?? [])],
      select,
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

  private edit(field: ChangedField, change: Partial<Draft>): void {
    this.draft = { ...this.draft, ...change };
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

  private chooseLanguage(language: Language): void {
    if (language === this.localize.language) return;
    this.lang = language;
    this.localize.refresh();
    this.requestUpdate();
    this.emitChange('lang');
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

  private readonly handleCustomAmount = (event: InputEvent) => {
    const customAmount = (event.target as HTMLInputElement).value;
    this.edit('amount', { customAmount, preset: customAmount.trim() ? undefined : this.draft.preset });
  };

  private readonly handleBlur = (event: FocusEvent) => {
    const id = (event.target as HTMLElement).id;
    const field = Object.keys(FIELD_INPUTS).find((key) => FIELD_INPUTS[key] === id);
    if (field && !this.touched.has(field)) this.touched = new Set(this.touched).add(field);
  };

  private donorInput(key: keyof Draft['donor']) {
    return (event: InputEvent) => this.edit('donor', { donor: { ...this.draft.donor, [key]: (event.target as HTMLInputElement).value } });
  }

  private tributeInput(key: 'name' | 'notifyEmail' | 'message') {
    return (event: InputEvent) => this.edit('tribute', { tribute: { ...this.draft.tribute, [key]: (event.target as HTMLInputElement).value } });
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    this.submit();
  };

  /**
   * Validates the form and, when valid, dispatches `mira-donate-submit` with the donation request.
   * Otherwise shows every error and moves focus to the first field to fix. The payment step takes
   * over here. Returns the request, or undefined when the form needs fixing.
   */
  submit(): DonateSubmitDetail['request'] | undefined {
    const check = checkDraft(this.draft, this.draftContext());
    this.submitted = true;
    if (!check.ok) {
      const wrong = new Set(check.errors.map((error) => error.field));
      const first = Object.keys(FIELD_INPUTS).find((field) => wrong.has(field));
      this.updateComplete.then(() => {
        const target = first ? this.renderRoot.querySelector<HTMLElement>(`#${FIELD_INPUTS[first]}`) : this.renderRoot.querySelector<HTMLElement>('#error-summary');
        target?.focus();
      });
      return undefined;
    }
    const detail: DonateSubmitDetail = { request: check.request };
    this.dispatchEvent(new CustomEvent('mira-donate-submit', { detail, bubbles: true, composed: true }));
    return check.request;
  }

  private draftContext() {
    return {
      campaign: this.campaign,
      currency: this.currency.toUpperCase(),
      language: this.localize.language,
      limits: this.data.settings.limits,
    };
  }

  private errorText(error: FieldError): string {
    const currency = this.currency.toUpperCase();
    const { minimum, maximum } = this.data.settings.limits;
    return this.localize.term(`errors.${error.code}`, {
      minimum: this.localize.money(minimum, currency, { trimWhole: true }),
      maximum: this.localize.money(maximum, currency, { trimWhole: true }),
    });
  }

  override render(): TemplateResult {
    const { language } = this.localize;
    const t = (key: string, options?: Record<string, unknown>) => this.localize.term(key, options);
    const check = checkDraft(this.draft, this.draftContext());
    const errors = check.ok ? [] : check.errors;
    const shown = (field: string) => (this.submitted || this.touched.has(field) ? errors.find((e) => e.field === field) : undefined);
    const unplaced = this.submitted ? errors.filter((e) => !FIELD_INPUTS[e.field ?? '']) : [];
    return html`
      <div part="base" class="base" lang=${language}>
        ${this.renderLanguageSwitch()} ${this.renderProgress()}
        <form part="form" novalidate aria-label=${t('form.label')} @submit=${this.handleSubmit} @focusout=${this.handleBlur}>
          ${this.renderFrequency()} ${this.renderAmount(shown('gift'))} ${this.renderFeeCover()}
          ${this.renderTribute(shown)} ${this.renderDonor(shown)}
          <div class="honeypot" aria-hidden="true">
            <label for="website">${t('honeypot')}</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" .value=${this.draft.website}
              @input=${(e: InputEvent) => (this.draft = { ...this.draft, website: (e.target as HTMLInputElement).value })} />
          </div>
          <slot name="payment"></slot>
          ${this.renderSummary()}
          ${this.submitted && errors.length
            ? html`<p part="error" id="error-summary" class="error-summary" role="alert" tabindex="-1">
                ${t('errorSummary')} ${unplaced.map((error) => html`<span>${this.errorText(error)}</span>`)}
              </p>`
            : nothing}
          ${this.data.settings.mode === 'demo' ? html`<p class="hint">${t('form.demo')}</p>` : nothing}
          <button part="submit-button" class="submit" type="submit">${this.submitLabel()}</button>
        </form>
      </div>
    `;
  }

  private renderLanguageSwitch(): TemplateResult {
    const current = LANGUAGES.indexOf(this.localize.language);
    return html`
      <div part="language-switch" class="languages" role="radiogroup" aria-label=${this.localize.term('language.switch')} @keydown=${this.languageKeys.handleKeyDown}>
        ${LANGUAGES.map(
          (language, index) => html`<button part="language-option" type="button" role="radio" lang=${language}
            aria-label=${this.localize.termIn(language, 'language.name')} aria-checked=${index === current ? 'true' : 'false'}
            tabindex=${RadioGroupController.tabIndex(index, current)} @click=${() => this.chooseLanguage(language)}>${language.toUpperCase()}</button>`,
        )}
      </div>
    `;
  }

  private renderProgress(): TemplateResult | typeof nothing {
    const { status, campaign } = this.data;
    const currency = (campaign?.currency ?? this.currency).toUpperCase();
    const staticGoal = this.goal !== undefined && this.goal > 0 ? toMinor(this.goal, currency) : undefined;
    const figures = campaign
      ? { goal: campaign.goal, raised: campaign.raised, donors: campaign.donors as number | undefined }
      : staticGoal !== undefined
        ? { goal: staticGoal, raised: toMinor(this.raised ?? 0, currency), donors: this.donors }
        : undefined;
    if (!figures && status === 'idle') return nothing;
    const t = (key: string, options?: Record<string, unknown>) => this.localize.term(key, options);
    const label = t('progress.label');
    if (!figures) {
      // The same three rows as the figures, so nothing below moves when they arrive.
      const failed = status === 'failed';
      return html`
        <div part="progress" class="progress" aria-busy=${failed ? 'false' : 'true'}>
          <p class="progress-line"><span class="progress-note">${failed ? t('progress.unavailable') : t('progress.loading')}</span></p>
          <div part="progress-bar" class="bar ${failed ? 'bar-off' : ''}" role=${ifDefined(failed ? undefined : 'progressbar')} aria-label=${ifDefined(failed ? undefined : label)}>
            <div part="progress-fill" class="fill" style="inline-size: 0%"></div>
          </div>
          <p class="progress-line muted">&nbsp;</p>
        </div>
      `;
    }
    const money = (minor: number) => this.localize.money(minor, currency, { trimWhole: true });
    const { percent, fill } = progressOf(figures.raised, figures.goal);
    const percentText = this.localize.number(percent / 100, { style: 'percent', maximumFractionDigits: 0 });
    const raised = money(figures.raised);
    const goal = money(figures.goal);
    const donors = figures.donors === undefined ? '' : t('progress.donors', { count: figures.donors, formatted: this.localize.number(figures.donors) });
    return html`
      <div part="progress" class="progress" aria-busy="false">
        <p class="progress-line"><strong>${t('progress.raised', { raised })}</strong><span class="percent">${percentText}</span></p>
        <div part="progress-bar" class="bar" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100"
          aria-valuenow=${Math.min(100, percent)} aria-valuetext=${t('progress.valueText', { raised, goal, percent: percentText })}>
          <div part="progress-fill" class="fill" style=${styleMap({ inlineSize: `${fill}%` })}></div>
        </div>
        <p class="progress-line muted"><span>${t('progress.goal', { goal })}</span><span>${donors}</span></p>
      </div>
    `;
  }

  private renderFrequency(): TemplateResult | typeof nothing {
    const offered = this.offeredFrequencies;
    if (offered.length < 2) return nothing;
    const current = offered.indexOf(this.draft.frequency);
    return html`
      <div class="group">
        <span class="legend" id="frequency-legend">${this.localize.term('frequency.legend')}</span>
        <div part="frequency" class="options" role="radiogroup" aria-labelledby="frequency-legend" @keydown=${this.frequencyKeys.handleKeyDown}>
          ${offered.map((frequency, index) => this.renderRadio('frequency-option', index, current, this.localize.term(`frequency.${frequency}`), () => this.chooseFrequency(frequency)))}
        </div>
      </div>
    `;
  }

  private renderAmount(error: FieldError | undefined): TemplateResult {
    const { frequency, preset, customAmount } = this.draft;
    const presets = this.presets[frequency];
    const currency = this.currency.toUpperCase();
    const current = preset === undefined ? -1 : presets.indexOf(preset);
    const { minimum, maximum } = this.data.settings.limits;
    const limits = this.localize.term('amount.limits', {
      minimum: this.localize.money(minimum, currency, { trimWhole: true }),
      maximum: this.localize.money(maximum, currency, { trimWhole: true }),
    });
    return html`
      <div class="group">
        <span class="legend" id="amount-legend">${this.localize.term('amount.legend')}</span>
        <div part="amounts" class="options amounts" role="radiogroup" aria-labelledby="amount-legend" @keydown=${this.amountKeys.handleKeyDown}>
          ${presets.map((amount, index) =>
            this.renderRadio('amount-option', index, current, this.localize.term(`amount.${frequency}`, { amount: this.localize.money(amount, currency, { trimWhole: true }) }), () =>
              this.choosePreset(amount),
            ),
          )}
        </div>
        <label part="label" class="label" for="custom-amount">${this.localize.term('amount.other')}</label>
        <input part="input custom-amount" id="custom-amount" class="input" type="text" inputmode="decimal" autocomplete="transaction-amount"
          .value=${customAmount} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'custom-amount-error amount-limits' : 'amount-limits'}
          @input=${this.handleCustomAmount} />
        <span class="hint" id="amount-limits">${limits}</span>
        ${this.renderError('custom-amount-error', error)}
      </div>
    `;
  }

  private renderFeeCover(): TemplateResult {
    const gift = giftOf(this.draft, this.currency, this.localize.language);
    const currency = this.currency.toUpperCase();
    const cover = gift.ok
      ? this.localize.term('fee.cover', { fee: this.localize.money(charge(gift.gift, true, this.data.settings.feeRates).fee, currency) })
      : this.localize.term('fee.coverPending');
    const current = this.draft.coverFee ? 0 : 1;
    return html`
      <div class="group">
        <span class="legend" id="fee-legend">${this.localize.term('fee.legend')}</span>
        <div part="fee-cover" class="options stacked" role="radiogroup" aria-labelledby="fee-legend" @keydown=${this.feeKeys.handleKeyDown}>
          ${this.renderRadio('fee-option', 0, current, cover, () => this.chooseCoverFee(true))}
          ${this.renderRadio('fee-option', 1, current, this.localize.term('fee.decline'), () => this.chooseCoverFee(false))}
        </div>
      </div>
    `;
  }

  private renderTribute(shown: (field: string) => FieldError | undefined): TemplateResult {
    const t = (key: string) => this.localize.term(key);
    const { withTribute, tribute } = this.draft;
    const current = TRIBUTE_KINDS.indexOf(tribute.kind);
    return html`
      <div part="tribute" class="group">
        <label class="check"><input part="checkbox" type="checkbox" .checked=${withTribute}
          @change=${(e: Event) => this.edit('tribute', { withTribute: (e.target as HTMLInputElement).checked })} /> ${t('tribute.toggle')}</label>
        ${withTribute
          ? html`
              <div class="options" role="radiogroup" aria-label=${t('tribute.legend')} @keydown=${this.tributeKeys.handleKeyDown}>
                ${TRIBUTE_KINDS.map((kind, index) =>
                  this.renderRadio('tribute-kind', index, current, t(`tribute.${kind}`), () => this.edit('tribute', { tribute: { ...tribute, kind } })),
                )}
              </div>
              ${this.renderField('tribute-name', t('tribute.name'), tribute.name, this.tributeInput('name'), shown('tribute.name'), { autocomplete: 'off' })}
              ${this.renderField('tribute-email', t('tribute.notifyEmail'), tribute.notifyEmail, this.tributeInput('notifyEmail'), shown('tribute.notifyEmail'), { type: 'email', autocomplete: 'off' })}
              ${this.renderField('tribute-message', t('tribute.message'), tribute.message, this.tributeInput('message'), shown('tribute.message'), { multiline: true })}
            `
          : nothing}
      </div>
    `;
  }

  private renderDonor(shown: (field: string) => FieldError | undefined): TemplateResult {
    const t = (key: string) => this.localize.term(key);
    const { donor, anonymous } = this.draft;
    return html`
      <fieldset part="donor" class="group donor">
        <legend class="legend">${t('donor.legend')}</legend>
        ${this.renderField('donor-name', t('donor.name'), donor.name, this.donorInput('name'), shown('donor.name'), { autocomplete: 'name' })}
        ${this.renderField('donor-email', t('donor.email'), donor.email, this.donorInput('email'), shown('donor.email'), { type: 'email', autocomplete: 'email', hint: t('donor.emailHint') })}
        <label class="check"><input part="checkbox" type="checkbox" aria-describedby="anonymous-hint" .checked=${anonymous}
          @change=${(e: Event) => this.edit('anonymous', { anonymous: (e.target as HTMLInputElement).checked })} /> ${t('donor.anonymous')}</label>
        <span class="hint" id="anonymous-hint">${t('donor.anonymousHint')}</span>
      </fieldset>
    `;
  }

  private renderSummary(): TemplateResult {
    const gift = giftOf(this.draft, this.currency, this.localize.language);
    const currency = this.currency.toUpperCase();
    if (!gift.ok) return html`<p part="summary" class="summary">${this.localize.term('summary.empty')}</p>`;
    const { total } = charge(gift.gift, this.draft.coverFee, this.data.settings.feeRates);
    return html`<p part="summary" class="summary">
      ${this.localize.term(`summary.${this.draft.frequency}`, { total: this.localize.money(total, currency), gift: this.localize.money(gift.gift, currency) })}
    </p>`;
  }

  private submitLabel(): string {
    const gift = giftOf(this.draft, this.currency, this.localize.language);
    if (!gift.ok) return this.localize.term('submit.empty');
    const { total } = charge(gift.gift, this.draft.coverFee, this.data.settings.feeRates);
    return this.localize.term(`submit.${this.draft.frequency}`, { total: this.localize.money(total, this.currency.toUpperCase()) });
  }

  private renderRadio(part: string, index: number, checked: number, label: string, select: () => void): TemplateResult {
    return html`<button part=${part} class="option" type="button" role="radio" aria-checked=${index === checked ? 'true' : 'false'}
      tabindex=${RadioGroupController.tabIndex(index, checked)} @click=${select}>${label}</button>`;
  }

  private renderField(
    id: string,
    label: string,
    value: string,
    onInput: (event: InputEvent) => void,
    error: FieldError | undefined,
    options: { type?: string; autocomplete?: string; hint?: string; multiline?: boolean } = {},
  ): TemplateResult {
    const described = [error ? `${id}-error` : '', options.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    const control = options.multiline
      ? html`<textarea part="input" id=${id} class="input" rows="3" .value=${value} aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(described || undefined)} @input=${onInput}></textarea>`
      : html`<input part="input" id=${id} class="input" type=${options.type ?? 'text'} autocomplete=${ifDefined(options.autocomplete)} .value=${value}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(described || undefined)} @input=${onInput} />`;
    return html`
      <div class="field">
        <label part="label" class="label" for=${id}>${label}</label>
        ${control}
        ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
        ${this.renderError(`${id}-error`, error)}
      </div>
    `;
  }

  private renderError(id: string, error: FieldError | undefined): TemplateResult | typeof nothing {
    return error ? html`<span part="error" class="error" id=${id}>${this.errorText(error)}</span>` : nothing;
  }
}
