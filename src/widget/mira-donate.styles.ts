import { css } from 'lit';

/**
 * Colours default to pairs that pass WCAG 2.2 AA on white (text 4.5:1, borders and focus 3:1);
 * a theme that changes them takes on that check. Sizes are in rem/em so the host's font scales them.
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

    display: block;
    max-inline-size: var(--mira-max-width, 36rem);
    color: var(--_text);
    font: inherit;
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
  .progress-line {
    display: flex;
    justify-content: space-between;
    gap: 0.75rem;
    min-block-size: 1.5em;
    /* One line each, whatever the figures: the space is reserved before they arrive. */
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .progress-line > * {
    overflow: hidden;
    text-overflow: ellipsis;
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

  .options {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 5.5rem), 1fr));
    gap: 0.5rem;
  }
  /* Two by two on a phone, one row in a wider column. */
  .options.amounts {
    grid-template-columns: repeat(2, 1fr);
  }
  @container (min-width: 26rem) {
    .options.amounts {
      grid-template-columns: repeat(4, 1fr);
    }
  }
  .options.stacked {
    grid-template-columns: 1fr;
  }
  .option {
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
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
  .check input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
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
    border: 0;
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
`;
