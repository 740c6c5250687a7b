import { css } from 'lit';

/** What the manage page adds to the form's styles (mira-donate.styles.ts): the page's title, the gift's facts, the payments, lesser buttons. */
export const manageStyles = css`
  :host {
    max-inline-size: var(--mira-max-width, 40rem);
  }
  h1.title {
    margin: 0;
    font: inherit;
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.25;
  }
  .section {
    padding-block-start: var(--_gap);
    border-block-start: 1px solid var(--_border);
  }
  .controls {
    display: grid;
    gap: var(--_gap);
  }
  .controls:empty {
    display: none;
  }
  .controls[inert] {
    opacity: 0.6;
  }
  .facts {
    display: grid;
    gap: 0.5rem;
    margin: 0;
  }
  .facts .row {
    display: grid;
    grid-template-columns: minmax(0, 10em) minmax(0, 1fr);
    gap: 0.75rem;
  }
  @container (width < 24em) {
    .facts .row {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    display: grid;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .buttons .submit {
    flex: 1 1 12rem;
  }
  .secondary {
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_brand);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_brand);
    font-weight: 600;
    cursor: pointer;
    flex: 1 1 10rem;
  }
  .secondary:hover {
    background: var(--_surface);
  }
  .done {
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_brand);
    background: var(--_surface);
    font-weight: 600;
  }
  .done:empty {
    display: none;
  }
  .warning {
    border-style: solid;
    border-color: var(--_error);
  }
  .confirm {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  .payments {
    inline-size: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .payments th,
  .payments td {
    padding: 0.375rem 0.5rem 0.375rem 0;
    text-align: start;
    border-block-end: 1px solid var(--_surface);
  }
  .payments th {
    font-weight: 600;
  }
  .payments .failed td:last-child {
    color: var(--_error);
    font-weight: 600;
  }
  .card-form[hidden] {
    display: none;
  }
  .payment-error p {
    margin: 0 0 0.5rem;
  }
  .payment-error p:last-child {
    margin: 0;
  }
  .error-page {
    display: grid;
    gap: 0.75rem;
  }
  @media (forced-colors: active) {
    .done,
    .confirm,
    .warning {
      border-color: CanvasText;
    }
  }
`;
