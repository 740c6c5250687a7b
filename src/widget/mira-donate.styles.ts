import { css } from 'lit';

/**
 * Colours default to pairs that pass WCAG 2.2 AA on white (text 4.5:1, borders and focus 3:1);
 * a theme that changes them takes on that check. Sizes are in rem/em so the reader's font size scales them.
 * In forced colours (Windows High Contrast) the chosen options and the progress fill take system colours.
 */
export const styles = css`
  :host {
    --_brand: var(--mira-brand, #1a4f8b);
    --_on-brand: var(--mira-on-brand, #ffffff);
    --_text: var(--mira-text, #1f2328);
    --_muted: var(--mira-muted, #525a64);
    --_background: var(--mira-background, #ffffff);
    --_surface: var(--mira-surface, #eef1f5);
    --_border: var(--mira-border, #6b7480);
    --_error: var(--mira-error, #b3261e);
    --_radius: var(--mira-radius, 0.5rem);
    --_focus: var(--mira-focus-ring, var(--_brand));
    --_gap: var(--mira-gap, 1.25rem);

    /* What the page's text styles would pass down (size, weight, spacing, alignment, wrapping, case,
       colour) stops here: only the font family comes in, and whatever hides the page's content or
       turns its pointer off. The --mira-* properties still inherit; rules on mira-donate itself still apply. */
    all: initial;
    font-family: inherit;
    visibility: inherit;
    pointer-events: inherit;
    display: block;
    max-inline-size: var(--mira-max-width, 36rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .base {
    /* Its own colour even when a page's rule for every element ("* { color: … }") reaches the host. */
    color: var(--_text);
    /* Nothing may run past the form's edge: a word too long for its box breaks as a last resort. */
    overflow-wrap: anywhere;
    display: grid;
    gap: var(--_gap);
    padding: clamp(0.75rem, 4vw, 1.5rem);
    background: var(--_background);
    border-radius: var(--_radius);
    /* The amounts' columns follow the form's width, not the page's. */
    container-type: inline-size;
  }
  form,
  .group,
  .field {
    display: grid;
    gap: 0.5rem;
  }
  form {
    gap: var(--_gap);
  }
  p {
    margin: 0;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
    /* A focused control scrolls clear of a sticky header or cookie bar on the host page. */
    scroll-margin-block: 5rem 3rem;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Section headings: a step larger and bolder than the field labels inside them, so a heading over a
     label never reads as two headings. */
  .legend {
    font-weight: 700;
    font-size: 1.125em;
    padding: 0;
  }
  /* A <legend> stands outside its fieldset's grid: the same space below it as the other sections' gap. */
  legend {
    margin-block-end: 0.5rem;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }

  .languages {
    display: flex;
    justify-content: flex-end;
    gap: 0.25rem;
  }
  .languages button {
    min-inline-size: 2.75rem;
    min-block-size: 2rem;
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    cursor: pointer;
    font-size: 0.875em;
  }
  .languages button[aria-checked='true'] {
    background: var(--_brand);
    border-color: var(--_brand);
    color: var(--_on-brand);
  }

  .progress {
    display: grid;
    gap: 0.375rem;
  }
  /* The figures wrap rather than being cut; a line's height is kept while they load. */
  .progress-line {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    column-gap: 0.75rem;
    min-block-size: 1.5em;
  }
  /* A narrow form puts goal and donors on lines of their own, and keeps both lines while they load. */
  @container (width < 22em) {
    .progress-line.muted {
      flex-direction: column;
      min-block-size: 3em;
    }
  }
  .muted,
  .hint,
  .progress-note {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .bar {
    block-size: 0.75rem;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  .bar-off {
    visibility: hidden;
  }
  .fill {
    /* Empty while the figures load; the template sets the raised share. */
    inline-size: 0;
    block-size: 100%;
    background: var(--_brand);
    transition: inline-size 0.6s ease-out;
  }

  /* Frequencies and tribute kinds: one row of equal columns, or one per row when a row would be too
     narrow for them, never two and an orphan. Columns never grow past their share for a long label. */
  .options {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    gap: 0.5rem;
  }
  @container (width < 19em) {
    .options {
      grid-auto-flow: row;
    }
  }
  .options.stacked,
  .options.amounts {
    grid-auto-flow: row;
  }
  /* Amounts two by two, four in a row only where "US$ 1.000/" fits a quarter. */
  .options.amounts {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  @container (width >= 32em) {
    .options.amounts {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
  }
  .option {
    min-block-size: 2.75rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
    text-align: center;
  }
  .stacked .option {
    text-align: start;
  }
  .option[aria-checked='true'] {
    background: var(--_brand);
    border-color: var(--_brand);
    color: var(--_on-brand);
    font-weight: 600;
  }
  .option:hover {
    border-color: var(--_brand);
  }

  .label {
    font-weight: 600;
  }
  .input {
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }
  .input[aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
    /* The wider border takes its pixel from the padding: a field that turns invalid keeps its size. */
    padding: calc(0.5rem - 1px) calc(0.75rem - 1px);
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    cursor: pointer;
  }
  /* 24 × 24 px at least (WCAG 2.5.8), however long its label. */
  .check input {
    flex: none;
    inline-size: 1.5em;
    block-size: 1.5em;
    margin: 0;
    accent-color: var(--_brand);
  }
  .error,
  .error-summary {
    color: var(--_error);
    font-weight: 600;
  }
  .error-summary {
    display: grid;
    gap: 0.25rem;
  }

  .summary {
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .submit {
    min-block-size: 3rem;
    padding: 0.75rem 1rem;
    /* Transparent, but drawn in forced colours, where the background is not: the button keeps its outline. */
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: var(--_brand);
    color: var(--_on-brand);
    font-weight: 700;
    font-size: 1.125em;
    cursor: pointer;
  }
  .submit:hover {
    filter: brightness(1.1);
  }
  .submit[aria-busy='true'] {
    cursor: progress;
    filter: saturate(0.6);
  }
  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.125em;
    border: 0.15em solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .notice {
    padding: 0.5rem 0.75rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .payment-error {
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_error);
  }
  /* The Payment Element's light-DOM home: empty (no space) until the donor shows intent. */
  ::slotted([slot='payment']:empty) {
    display: none;
  }

  .thank-you {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .thank-you-title {
    margin: 0;
    font-size: 1.375em;
    line-height: 1.25;
  }

  /* The honeypot: out of sight and out of the accessibility tree; people never fill it. */
  .honeypot {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* Other amount: the currency's sign joined to the field, before or after it as the donor's language
     writes money ("$", "US$"). */
  .affixed {
    display: flex;
  }
  .affixed .input {
    flex: 1;
    min-inline-size: 0;
  }
  .affix {
    display: flex;
    align-items: center;
    padding-inline: 0.75rem;
    border: 1px solid var(--_border);
    background: var(--_surface);
    font-weight: 600;
    white-space: nowrap;
  }
  .sign-before .affix {
    border-inline-end: 0;
    border-start-start-radius: var(--_radius);
    border-end-start-radius: var(--_radius);
  }
  .sign-before .input {
    border-start-start-radius: 0;
    border-end-start-radius: 0;
  }
  .sign-after .affix {
    border-inline-start: 0;
    border-start-end-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
  }
  .sign-after .input {
    border-start-end-radius: 0;
    border-end-end-radius: 0;
  }

  /* The fee cover's choices are drawn alike, so the decline never reads as the button to press: the
     chosen one shows a filled radio mark and a brand border (widths, which forced colours keep), not a
     fill or a bolder face. */
  .options.even .option {
    display: flex;
    align-items: center;
    gap: 0.625rem;
  }
  .options.even .option,
  .options.even .option[aria-checked='true'] {
    background: var(--_surface);
    color: var(--_text);
    font-weight: inherit;
  }
  .options.even .option[aria-checked='true'] {
    border: 2px solid var(--_brand);
    /* The thicker border takes its width from the padding, so nothing moves on choosing. */
    padding: calc(0.5rem - 1px) calc(0.75rem - 1px);
  }
  .options.even .option::before {
    content: '';
    flex: none;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    border: 2px solid var(--_border);
    border-radius: 50%;
    background: var(--_background);
  }
  .options.even .option[aria-checked='true']::before {
    border: 0.375rem solid var(--_brand);
  }
  /* The form's fields, inert while a payment is under way: dimmed so the eye sees they are locked. */
  .fields {
    display: grid;
    gap: var(--_gap);
  }
  .fields[inert] {
    opacity: 0.6;
  }
  /* Headings take the look of the section titles they are (.legend), not the browser's. */
  h2,
  h3 {
    margin: 0;
    font: inherit;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .required {
    font-weight: 400;
  }
  /* One line kept for a field's error, so a message appearing moves nothing below. */
  .field > .error,
  .group > .error {
    min-block-size: 1.5em;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .error-summary a {
    color: inherit;
  }

  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
    .spinner {
      animation: none;
    }
  }

  /* Last, so it outranks every chosen style above (the fee choices' included): in forced colours a
     chosen option and the progress fill take the system's highlight. */
  @media (forced-colors: active) {
    .base button[aria-checked='true'],
    .options.even .option[aria-checked='true'],
    .fill {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
    .options.even .option[aria-checked='true']::before {
      border-color: HighlightText;
    }
  }
`;
