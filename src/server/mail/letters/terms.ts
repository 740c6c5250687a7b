/**
 * The words of every letter, from locales/mail/*.json (i18next's `{{name}}` format, like the widget's
 * locales). English's file is the shape: Spanish and Portuguese must have every string it has, or the
 * project does not compile, so no letter can go out with a key or an English sentence in it.
 */
import english from '../../../../locales/mail/en.json';
import spanish from '../../../../locales/mail/es.json';
import portuguese from '../../../../locales/mail/pt.json';
import type { Language } from '../../../core/locale.js';

export type MailTerms = typeof english;

const TERMS = { en: english, es: spanish, pt: portuguese } satisfies Record<Language, MailTerms>;

export function termsFor(language: Language): MailTerms {
  return TERMS[language];
}

/** `{{name}}` placeholders filled with plain text; escaping is the HTML template's job, not this one's. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/{{\s*(\w+)\s*}}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}
