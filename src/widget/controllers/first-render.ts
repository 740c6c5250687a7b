/**
 * The element's first render, spread over tasks of the page so that none is long (a long task holds
 * up the host page's paint and a visitor's tap): the script only defines the element, and a page's
 * `<mira-donate>` upgrades then; once the page is parsed, each piece of set-up the form needs runs
 * in a task of its own, with the host page's own work free to run in between; then the form
 * renders from the top down, a part a task (`shown`), its first time being by far its slowest.
 *
 * Until the form is whole the element also shows what the pasted snippet put inside it (a `<slot>`
 * in the shadow root, below the form's parts), which holds the form's place on the page: the
 * snippet's `<svg height="100vh">` keeps what follows the form below the fold, so nothing the
 * visitor sees moves as the form appears. It goes in the update that completes the form.
 */
import { html, nothing, render, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isTemplateResult } from 'lit/directive-helpers.js';
import { nextTask } from '../next-task.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment; readonly hasUpdated: boolean };

/** One piece of the set-up; may return a promise, which the next step waits for. */
export type FirstRenderStep = () => unknown;

/**
 * Lit's first render of anything compiles its code; throwaway ones, off the page, pay that ahead:
 * three steps, the first render of a template, then its updates.
 */
const warmNode = () => document.createElement('div');
let warming = warmNode();
export const warmLit: FirstRenderStep[] = [0, 1, 2].map((i) => () => {
  const noop = () => {};
  render(html`<p class=${i} .title=${'x'} ?hidden=${false} @click=${noop}>${html`<b>${i}</b>`}${[1, 2].map((n) => html`<i>${n}</i>`)}</p>`, warming);
  if (i === 2) warming = warmNode();
});

/** The first update shows this share of the form's templates; each later one as many as fit in BUDGET_MS at the pace seen so far. */
const FIRST_SHARE = 8;
/** A render task's aim (the limit for a long task is 50 ms): what is left is for the browser's style and layout of it. */
const BUDGET_MS = 20;
/** A part this small (a choice group, a field) always comes whole, never a few of its buttons first. */
const WHOLE = 6;

const weights = new WeakMap<object, number>();

/** How many templates a value renders: the measure of its first render's cost. */
function weight(value: unknown): number {
  if (!isTemplateResult(value) && !Array.isArray(value)) return 0;
  let known = weights.get(value);
  if (known === undefined) {
    const parts: unknown[] = isTemplateResult(value) ? value.values : value;
    known = parts.reduce((sum: number, each) => sum + weight(each), isTemplateResult(value) ? 1 : 0);
    weights.set(value, known);
  }
  return known;
}

interface Pass {
  limit: number;
  used: number;
  deferred: boolean;
  /** A template waits whole (see cut): nothing after it shows in this pass either. */
  closed: boolean;
}

const now = () => performance.now();

/** Markup that only closes what is open: what a template may show after a part left for later. */
const CLOSING = /^(?:\s|<\/[a-z][\w-]*\s*>)*$/i;
/** A value after a part left out may show nothing either (a text there would show before the part). */
const rendersNothing = (value: unknown) => value === nothing || value === undefined || value === null || value === '' || value === false;

/**
 * The value with, in document order, templates past the pass's limit left out (for a later pass).
 * A template is shown in part only where what it shows after the first part left out merely closes
 * its elements: the parts left out then come after all that is shown, in document order, and push
 * nothing shown aside (a field's currency sign left out would arrive beside its input and move it).
 * Else it waits whole. (The form's parts are blocks, so after is below.)
 */
function cut(value: unknown, pass: Pass): unknown {
  const size = weight(value);
  if (size === 0) return value;
  if (pass.closed || pass.used >= pass.limit) {
    pass.deferred = true;
    return nothing;
  }
  if (pass.used + size <= pass.limit || size <= WHOLE || !isTemplateResult(value)) {
    pass.used += size;
    return value;
  }
  const usedBefore = pass.used;
  pass.used += 1;
  const values = value.values.map((each) => cut(each, pass));
  // A part shown in part is a part left out too: the rest of it will arrive inside it.
  const firstLeftOut = values.findIndex((each, i) => each !== value.values[i]);
  const after = firstLeftOut + 1;
  if (
    firstLeftOut >= 0 &&
    !((value as TemplateResult).strings.slice(after).every((markup) => CLOSING.test(markup)) && values.slice(after).every(rendersNothing))
  ) {
    pass.used = usedBefore;
    pass.deferred = pass.closed = true;
    return nothing;
  }
  return { ...value, values };
}

/** A page that streams slowly, or waits on a slow script below the snippet, still gets the form. */
const PARSED_WAIT_MS = 1_000;

/**
 * Resolves once the page has had DOMContentLoaded (or after PARSED_WAIT_MS), when the page is still
 * being parsed: the steps are continuations, which Chromium runs ahead of its own next task, the
 * parser's included, so they wait for the page. (A `defer` snippet runs just before
 * DOMContentLoaded, when the parser is done: nothing to wait for then.)
 */
const pageParsed = (): Promise<void> =>
  document.readyState === 'loading'
    ? new Promise((resolve) => {
        document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
        setTimeout(resolve, PARSED_WAIT_MS);
      })
    : Promise.resolve();

export class FirstRenderController implements ReactiveController {
  private placeholder?: HTMLSlotElement;
  private ready?: Promise<void>;
  /** Templates the next update of the first render may show; those the last one and this one showed; when this one began. */
  private limit = 0;
  private shownBefore = 0;
  private shownNow = 0;
  private started = 0;
  private next?: Promise<void>;
  private whole = false;
  private resolveWhole!: () => void;
  /** Resolves once the form has rendered whole. */
  readonly rendered = new Promise<void>((resolve) => (this.resolveWhole = resolve));

  constructor(
    private readonly host: Host,
    private readonly steps: FirstRenderStep[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.whole || this.placeholder) return;
    this.placeholder = document.createElement('slot');
    this.host.renderRoot.append(this.placeholder);
  }

  hostUpdate(): void {
    this.started = now();
  }

  hostUpdated(): void {
    // Below the form's first parts (Lit renders after what the root already holds), until it is whole.
    if (!this.whole) {
      // This update's pace (its cost is the templates it added: their first render) sets how many the next one adds.
      const added = this.shownNow - this.shownBefore;
      if (added > 0) this.limit = this.shownNow + Math.max(1, Math.floor((BUDGET_MS * added) / Math.max(1, now() - this.started)));
      // Nothing more could be shown in part (see cut): the next update may show more, until it can.
      else this.limit += WHOLE;
      this.shownBefore = this.shownNow;
      if (this.placeholder?.nextSibling) this.host.renderRoot.append(this.placeholder);
      return;
    }
    this.placeholder?.remove();
    this.placeholder = undefined;
    this.resolveWhole();
  }

  /**
   * Runs the steps once, each in a task of its own; resolves when the form may render. A step that
   * fails (a currency Intl does not know, say) is only set-up missed: the form still renders.
   */
  whenReady(): Promise<void> {
    const skip = () => undefined;
    this.ready ??= this.steps.reduce<Promise<unknown>>((previous, step) => previous.then(nextTask).then(step).catch(skip), pageParsed()).then(nextTask);
    return this.ready;
  }

  /**
   * What the element renders: until the form has rendered whole, its first parts only (by
   * templates: an eighth at first, then as many more each update as the pace so far says fit in a
   * short task), the next update asked for in the next task. (Any update meanwhile, say the
   * figures arriving, renders the same parts.)
   */
  shown<T>(result: T): T {
    if (this.whole) return result;
    if (!this.limit) this.limit = Math.ceil(weight(result) / FIRST_SHARE);
    const pass: Pass = { limit: this.limit, used: 0, deferred: false, closed: false };
    const shown = cut(result, pass) as T;
    this.shownNow = pass.used;
    if (!pass.deferred) this.whole = true;
    else
      this.next ??= nextTask().then(() => {
        this.next = undefined;
        this.host.requestUpdate();
      });
    return shown;
  }
}
