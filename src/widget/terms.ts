/**
 * The strings the form needs to render, from locales/*.json: only these top-level groups, and only
 * English's, travel in the first-load script. Spanish and Portuguese come from languages/ when the
 * form speaks them; the other groups (errors, the tribute's details, the thank-you) are shown only
 * once the donor has started, so they come with the first-intent chunk (first-intent/terms.ts). A
 * test checks that the two lists together cover every group in the files.
 */
import { amount, donor, fee, form, frequency, honeypot, language, progress, submit, summary, tributeToggle } from '../../locales/en.json';
import { language as spanish } from '../../locales/es.json';
import { language as portuguese } from '../../locales/pt.json';
import type { Language } from '../core/locale.js';

/** One language's strings, or some of its groups, as locales/*.json hold them. */
export type Terms = Record<string, unknown>;

export const FIRST_LOAD_GROUPS = ['language', 'form', 'progress', 'frequency', 'amount', 'fee', 'tributeToggle', 'donor', 'summary', 'submit', 'honeypot'] as const;

/** The form in English: the language it falls back to, so it is always here. */
export const ENGLISH: Terms = { language, form, progress, frequency, amount, fee, tributeToggle, donor, summary, submit, honeypot };

/** Each language named in itself, for the switch, before that language's strings are here. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: language.name, es: spanish.name, pt: portuguese.name };
