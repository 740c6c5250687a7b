/**
 * The strings that come with this chunk, in all three languages: error messages, the tribute's
 * details and the thank-you (the first-load ones are ../terms.ts and ../languages/). The element adds
 * them to its translator when the chunk arrives.
 */
import * as en from '../../../locales/en.json';
import * as es from '../../../locales/es.json';
import * as pt from '../../../locales/pt.json';
import type { Language } from '../../core/locale.js';
import type { Terms } from '../terms.js';

export const FIRST_INTENT_GROUPS = ['errors', 'errorSummary', 'tribute', 'thanks', 'siteNotAllowed'] as const;

// Spelled out so the bundler leaves the first-load groups out of the chunk.
export const FIRST_INTENT_TERMS: Record<Language, Terms> = {
  en: { errors: en.errors, errorSummary: en.errorSummary, tribute: en.tribute, thanks: en.thanks, siteNotAllowed: en.siteNotAllowed },
  es: { errors: es.errors, errorSummary: es.errorSummary, tribute: es.tribute, thanks: es.thanks, siteNotAllowed: es.siteNotAllowed },
  pt: { errors: pt.errors, errorSummary: pt.errorSummary, tribute: pt.tribute, thanks: pt.thanks, siteNotAllowed: pt.siteNotAllowed },
};
