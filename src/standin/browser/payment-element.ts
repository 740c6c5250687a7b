/**
 * The Payment Element stand-in: a light-DOM card form (number, expiry, CVC, ZIP) that is plainly
 * marked as a test, speaks the Elements locale, and reports ready/change/focus/blur like the real one.
 */
import { formatCardNumber, formatExpiry, validateCard, type CardErrors, type CardField, type CardValues } from './card-input.js';
import { messagesFor, type Lang } from './messages.js';
import { CSS, cssVariables, type Appearance } from './styles.js';

type Handler = (event: Record<string, unknown>) => void;
type EventName = 'ready' | 'change' | 'focus' | 'blur' | 'loaderror' | 'escape';

let mounts = 0;
let styled = false;

/**
 * The form's rules, adopted by the document once rather than written in a <style> element, so a host
 * page whose Content-Security-Policy refuses inline styles still shows it styled (Stripe's own form
 * is styled inside its frame, under its own policy).
 */
function adoptStyles(): void {
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

const FIELDS: Array<{ field: CardField; name: string; autocomplete: string; inputmode: string; label: 'cardNumber' | 'expiry' | 'cvc' | 'postalCode' }> = [
  { field: 'number', name: 'cardnumber', autocomplete: 'cc-number', inputmode: 'numeric', label: 'cardNumber' },
  { field: 'expiry', name: 'exp-date', autocomplete: 'cc-exp', inputmode: 'numeric', label: 'expiry' },
  { field: 'cvc', name: 'cvc', autocomplete: 'cc-csc', inputmode: 'numeric', label: 'cvc' },
  { field: 'postalCode', name: 'postal', autocomplete: 'postal-code', inputmode: 'text', label: 'postalCode' },
];

const PLACEHOLDERS: Partial<Record<CardField, string>> = { number: '1234 1234 1234 1234', cvc: 'CVC' };

export interface ElementSettings {
  lang: Lang;
  appearance: Appearance | undefined;
}

export class PaymentElement {
  private readonly handlers = new Map<string, Set<Handler>>();
  private root: HTMLElement | undefined;
  private readonly inputs = new Map<CardField, HTMLInputElement>();
  private readonly errorNodes = new Map<CardField, HTMLElement>();
  /** Fields the donor has left once: their errors show from then on, not while still typing. */
  private readonly touched = new Set<CardField>();
  private shownErrors: CardErrors = {};
  private destroyed = false;

  constructor(private settings: ElementSettings) {}

  on(event: EventName, handler: Handler): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }

  off(event: EventName, handler?: Handler): this {
    if (handler) this.handlers.get(event)?.delete(handler);
    else this.handlers.delete(event);
    return this;
  }

  once(event: EventName, handler: Handler): this {
    const wrapped: Handler = (e) => {
      this.off(event, wrapped);
      handler(e);
    };
    return this.on(event, wrapped);
  }

  mount(target: string | HTMLElement): void {
    if (this.destroyed) throw new Error('This Element has already been destroyed. Please create a new one.');
    const host = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
    if (!host) throw new Error(`The selector you specified (${String(target)}) applies to no DOM elements that are currently on the page.`);
    this.unmount();
    this.root = this.render();
    host.appendChild(this.root);
    // The real element is ready once its iframe has loaded: always after mount() returns.
    setTimeout(() => this.emit('ready', {}), 0);
  }

  unmount(): void {
    this.root?.remove();
    this.root = undefined;
    this.inputs.clear();
    this.errorNodes.clear();
  }

  destroy(): void {
    this.unmount();
    this.handlers.clear();
    this.destroyed = true;
  }

  focus(): void {
    this.inputs.get('number')?.focus();
  }

  blur(): void {
    (document.activeElement as HTMLElement | null)?.blur();
  }

  clear(): void {
    for (const input of this.inputs.values()) input.value = '';
    this.touched.clear();
    this.showErrors({});
  }

  /** Options such as `fields` or `layout` change nothing here; kept so callers need no special case. */
  update(_options: Record<string, unknown> = {}): void {}

  /** New locale or appearance from elements.update(): re-rendered in place, keeping what was typed. */
  restyle(settings: ElementSettings): void {
    this.settings = settings;
    if (!this.root) return;
    const values = this.values();
    const parent = this.root.parentElement!;
    const next = this.render();
    parent.replaceChild(next, this.root);
    this.root = next;
    for (const [field, value] of Object.entries(values) as Array<[CardField, string]>) this.inputs.get(field)!.value = value;
    this.showErrors(this.shownErrors);
  }

  get mounted(): boolean {
    return this.root !== undefined;
  }

  values(): CardValues {
    const value = (field: CardField) => this.inputs.get(field)?.value ?? '';
    return { number: value('number'), expiry: value('expiry'), cvc: value('cvc'), postalCode: value('postalCode') };
  }

  /** Checks every field as a submit does: all errors shown and announced; the first one returned. */
  validateAll(): { code: string; message: string } | undefined {
    for (const { field } of FIELDS) this.touched.add(field);
    const errors = validateCard(this.values());
    this.showErrors(errors);
    const first = FIELDS.find(({ field }) => errors[field]);
    if (!first) return undefined;
    this.inputs.get(first.field)?.focus();
    const code = errors[first.field]!;
    return { code, message: messagesFor(this.settings.lang).errors[code]! };
  }

  private emit(event: EventName, detail: Record<string, unknown>): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler({ elementType: 'payment', ...detail });
  }

  private render(): HTMLElement {
    const t = messagesFor(this.settings.lang);
    const id = `spe-${++mounts}`;
    const root = document.createElement('div');
    root.className = 'spe-root';
    root.lang = this.settings.lang;
    for (const [name, value] of Object.entries(cssVariables(this.settings.appearance))) root.style.setProperty(name, value);
    adoptStyles();
    const marker = document.createElement('p');
    marker.className = 'spe-marker';
    marker.textContent = t.marker;
    root.append(marker);

    const row = document.createElement('div');
    row.className = 'spe-row';
    for (const spec of FIELDS) {
      const wrapper = document.createElement('div');
      wrapper.className = 'spe-field';
      const label = document.createElement('label');
      label.htmlFor = `${id}-${spec.field}`;
      label.textContent = t[spec.label];
      const input = document.createElement('input');
      Object.assign(input, { id: `${id}-${spec.field}`, name: spec.name, type: 'text', autocomplete: spec.autocomplete, spellcheck: false });
      input.inputMode = spec.inputmode;
      input.placeholder = spec.field === 'expiry' ? t.expiryPlaceholder : (PLACEHOLDERS[spec.field] ?? '');
      input.setAttribute('aria-invalid', 'false');
      input.setAttribute('aria-describedby', `${id}-${spec.field}-error`);
      const error = document.createElement('p');
      error.id = `${id}-${spec.field}-error`;
      error.className = 'spe-error';
      // Announced when text appears in it, without moving focus.
      error.setAttribute('role', 'alert');
      wrapper.append(label, input, error);
      input.addEventListener('input', () => this.onInput(spec.field));
      input.addEventListener('blur', () => this.onLeave(spec.field));
      this.inputs.set(spec.field, input);
      this.errorNodes.set(spec.field, error);
      // Expiry and CVC share a row, as in Stripe's layout.
      if (spec.field === 'expiry' || spec.field === 'cvc') {
        row.append(wrapper);
        if (spec.field === 'expiry') root.append(row);
      } else root.append(wrapper);
    }
    const hint = document.createElement('p');
    hint.className = 'spe-hint';
    hint.textContent = t.testHint;
    root.append(hint);
    root.addEventListener('focusin', (e) => {
      if (!root.contains(e.relatedTarget as Node | null)) this.emit('focus', {});
    });
    root.addEventListener('focusout', (e) => {
      if (!root.contains(e.relatedTarget as Node | null)) this.emit('blur', {});
    });
    return root;
  }

  private onInput(field: CardField): void {
    const input = this.inputs.get(field)!;
    if (field === 'number') input.value = formatCardNumber(input.value);
    if (field === 'expiry') input.value = formatExpiry(input.value);
    if (field === 'cvc') input.value = input.value.replace(/\D/g, '').slice(0, 4);
    const errors = validateCard(this.values());
    // Errors update live only for fields already left once, or to clear an error being fixed.
    const visible: CardErrors = {};
    for (const f of this.touched) if (errors[f]) visible[f] = errors[f];
    this.showErrors(visible);
    const values = this.values();
    this.emit('change', {
      complete: Object.keys(errors).length === 0,
      empty: Object.values(values).every((v) => v === ''),
      collapsed: false,
      value: { type: 'card' },
    });
  }

  private onLeave(field: CardField): void {
    if (this.inputs.get(field)!.value === '' && !this.touched.has(field)) return;
    this.touched.add(field);
    const errors = validateCard(this.values());
    const visible: CardErrors = {};
    for (const f of this.touched) if (errors[f]) visible[f] = errors[f];
    this.showErrors(visible);
  }

  private showErrors(errors: CardErrors): void {
    this.shownErrors = errors;
    const t = messagesFor(this.settings.lang);
    for (const { field } of FIELDS) {
      const code = errors[field];
      const node = this.errorNodes.get(field);
      const input = this.inputs.get(field);
      if (!node || !input) continue;
      const text = code ? t.errors[code]! : '';
      if (node.textContent !== text) node.textContent = text;
      input.setAttribute('aria-invalid', String(Boolean(code)));
    }
  }
}
