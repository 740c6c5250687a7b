/**
 * The manage page's strings: its own (locales/manage/*.json, under `manage.`), the form's error
 * messages it shares (amount limits, network), and the form's first-load groups in Spanish and
 * Portuguese (frequency, fee cover, the language switch). All three languages travel in this script:
 * it is loaded only by the manage page, never by a page with the form.
 */
import en from '../../../locales/manage/en.json';
import es from '../../../locales/manage/es.json';
import pt from '../../../locales/manage/pt.json';
import { errors as englishErrors } from '../../../locales/en.json';
import { errors as spanishErrors } from '../../../locales/es.json';
import { errors as portugueseErrors } from '../../../locales/pt.json';
import type { Language } from '../../core/locale.js';
import { terms as spanish } from '../languages/es.js';
import { terms as portuguese } from '../languages/pt.js';
import type { Terms } from '../terms.js';

export type ManageTerms = typeof en;

/** Added to the form's translator once, for every language: see manage.component.ts. */
export const MANAGE_TERMS: Record<Language, Terms> = {
  en: { errors: englishErrors, manage: en },
  es: { errors: spanishErrors, manage: es },
  pt: { errors: portugueseErrors, manage: pt },
};

/** What the language controller loads for Spanish and Portuguese: here already. */
export const FIRST_LOAD_TERMS: Record<Exclude<Language, 'en'>, Terms> = { es: spanish, pt: portuguese };
