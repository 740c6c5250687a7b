/**
 * The strings the form needs to render, from locales/*.json. Only these top-level groups travel in
 * the first-load script; `errors` and `thanks` are shown only once the donor has started, so they
 * come with the intent chunk (intent/terms.ts) and are added when it arrives. A test checks that the
 * two lists together cover every group in the files.
 */
import * as en from '../../locales/en.json';
import * as es from '../../locales/es.json';
import * as pt from '../../locales/pt.json';
import type { Language } from '../core/locale.js';

export const FIRST_LOAD_GROUPS = ['language', 'form', 'progress', 'frequency', 'amount', 'fee', 'tribute', 'donor', 'summary', 'submit', 'honeypot', 'errorSummary'] as const;

// Spelled out (not built by a function) so the bundler sees each group used and leaves the others out.
export const FIRST_LOAD_TERMS: Record<Language, Record<string, unknown>> = {
  en: {
    language: en.language,
    form: en.form,
    progress: en.progress,
    frequency: en.frequency,
    amount: en.amount,
    fee: en.fee,
    tribute: en.tribute,
    donor: en.donor,
    summary: en.summary,
    submit: en.submit,
    honeypot: en.honeypot,
    errorSummary: en.errorSummary,
  },
  es: {
    language: es.language,
    form: es.form,
    progress: es.progress,
    frequency: es.frequency,
    amount: es.amount,
    fee: es.fee,
    tribute: es.tribute,
    donor: es.donor,
    summary: es.summary,
    submit: es.submit,
    honeypot: es.honeypot,
    errorSummary: es.errorSummary,
  },
  pt: {
    language: pt.language,
    form: pt.form,
    progress: pt.progress,
    frequency: pt.frequency,
    amount: pt.amount,
    fee: pt.fee,
    tribute: pt.tribute,
    donor: pt.donor,
    summary: pt.summary,
    submit: pt.submit,
    honeypot: pt.honeypot,
    errorSummary: pt.errorSummary,
  },
};
