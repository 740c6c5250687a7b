/** The strings that come with the intent chunk: error messages, the tribute's details and the thank-you (see ../terms.ts). */
import * as en from '../../../locales/en.json';
import * as es from '../../../locales/es.json';
import * as pt from '../../../locales/pt.json';
import type { Language } from '../../core/locale.js';

export const INTENT_GROUPS = ['errors', 'errorSummary', 'tribute', 'thanks'] as const;

// Spelled out so the bundler leaves the first-load groups out of the chunk.
export const INTENT_TERMS: Record<Language, Record<string, unknown>> = {
  en: { errors: en.errors, errorSummary: en.errorSummary, tribute: en.tribute, thanks: en.thanks },
  es: { errors: es.errors, errorSummary: es.errorSummary, tribute: es.tribute, thanks: es.thanks },
  pt: { errors: pt.errors, errorSummary: pt.errorSummary, tribute: pt.tribute, thanks: pt.thanks },
};
