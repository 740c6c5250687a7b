/**
 * The strings the form needs to render, from locales/*.json. Only these top-level groups travel in
 * the first-load script; the others (errors, the tribute's details, the thank-you) are shown only
 * once the donor has started, so they come with the intent chunk (intent/terms.ts) and are added
 * when it arrives. A test checks that the two lists together cover every group in the files.
 */
import * as en from '../../locales/en.json';
import * as es from '../../locales/es.json';
import * as pt from '../../locales/pt.json';
import type { Language } from '../core/locale.js';

export const FIRST_LOAD_GROUPS = ['language', 'form', 'progress', 'frequency', 'amount', 'fee', 'tributeToggle', 'donor', 'summary', 'submit', 'honeypot'] as const;

// Spelled out (not built by a function) so the bundler sees each group used and leaves the others out.
export const FIRST_LOAD_TERMS: Record<Language, Record<string, unknown>> = {
  en: {
    language: en.language,
    form: en.form,
    progress: en.progress,
    frequency: en.frequency,
    amount: en.amount,
    fee: en.fee,
    tributeToggle: en.tributeToggle,
    donor: en.donor,
    summary: en.summary,
    submit: en.submit,
    honeypot: en.honeypot,
  },
  es: {
    language: es.language,
    form: es.form,
    progress: es.progress,
    frequency: es.frequency,
    amount: es.amount,
    fee: es.fee,
    tributeToggle: es.tributeToggle,
    donor: es.donor,
    summary: es.summary,
    submit: es.submit,
    honeypot: es.honeypot,
  },
  pt: {
    language: pt.language,
    form: pt.form,
    progress: pt.progress,
    frequency: pt.frequency,
    amount: pt.amount,
    fee: pt.fee,
    tributeToggle: pt.tributeToggle,
    donor: pt.donor,
    summary: pt.summary,
    submit: pt.submit,
    honeypot: pt.honeypot,
  },
};
