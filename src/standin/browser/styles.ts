/**
 * The card form's look. It lives in the host page's light DOM (as Stripe's iframe would), so every
 * class is prefixed and the rules set what they rely on. Colours come from `appearance.variables`.
 */

export interface AppearanceVariables {
  colorPrimary?: string;
  colorBackground?: string;
  colorText?: string;
  colorDanger?: string;
  fontFamily?: string;
  fontSizeBase?: string;
  borderRadius?: string;
  spacingUnit?: string;
}

export interface Appearance {
  theme?: string;
  variables?: AppearanceVariables;
}

/** Stripe's own defaults for the "stripe" theme, so an unstyled form looks like Stripe's. */
const DEFAULTS: Required<AppearanceVariables> = {
  colorPrimary: '#0570de',
  colorBackground: '#ffffff',
  colorText: '#30313d',
  colorDanger: '#df1b41',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSizeBase: '16px',
  borderRadius: '4px',
  spacingUnit: '4px',
};

export function cssVariables(appearance: Appearance | undefined): Record<string, string> {
  const v = { ...DEFAULTS, ...appearance?.variables };
  return {
    '--spe-primary': v.colorPrimary,
    '--spe-background': v.colorBackground,
    '--spe-text': v.colorText,
    '--spe-danger': v.colorDanger,
    '--spe-font': v.fontFamily,
    '--spe-size': v.fontSizeBase,
    '--spe-radius': v.borderRadius,
    '--spe-space': v.spacingUnit,
  };
}

export const CSS = `
.spe-root { font-family: var(--spe-font); font-size: var(--spe-size); color: var(--spe-text); display: grid; gap: calc(var(--spe-space) * 3); }
.spe-root * { box-sizing: border-box; }
/* A quiet label saying what this is; the widget's own notice speaks to the donor about payment. */
.spe-marker { margin: 0; font-size: 0.8125em; color: inherit; }
.spe-row { display: grid; grid-template-columns: 1fr 1fr; gap: calc(var(--spe-space) * 3); }
.spe-field { display: grid; gap: var(--spe-space); min-width: 0; }
.spe-field label { font-size: 0.875em; }
.spe-field input { font: inherit; color: var(--spe-text); background: var(--spe-background); width: 100%;
  padding: calc(var(--spe-space) * 3); border: 1px solid #767676; border-radius: var(--spe-radius); }
.spe-field input:focus { outline: 2px solid var(--spe-primary); outline-offset: 1px; border-color: var(--spe-primary); }
.spe-field input[aria-invalid="true"] { border-color: var(--spe-danger); }
.spe-error { margin: 0; color: var(--spe-danger); font-size: 0.875em; min-height: 0; }
.spe-error:empty { display: none; }
.spe-hint { margin: 0; font-size: 0.8125em; color: inherit; opacity: 0.85; }
`;
