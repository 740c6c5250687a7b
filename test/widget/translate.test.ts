/**
 * The form's translator, a private i18next instance, over the real locale files: what a donor reads
 * for each key, in each language; and a host page's own i18next left as it was.
 */
import { describe, it } from './mocha.js';
import { expect } from '@open-wc/testing';
import i18next from 'i18next';
import type { Language } from '../../src/core/locale.js';
import { Translator, type TermOptions } from '../../src/widget/translate.js';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt.json';

const translator = new Translator(en);
translator.add('es', es);
translator.add('pt', pt);

describe('Translator', () => {
  // [language, key, options, what the donor reads]
  const cases: Array<[Language, string, TermOptions | undefined, string]> = [
    ['en', 'submit.empty', undefined, en.submit.empty],
    ['es', 'summary.once', { total: '$51.44', gift: '$50.00' }, es.summary.once.replace('{{total}}', '$51.44').replace('{{gift}}', '$50.00')],
    ['pt', 'submit.once', { total: 'US$ 51,44' }, pt.submit.once.replace('{{total}}', 'US$ 51,44')],
    ['en', 'progress.donors', { count: 1, formatted: '1' }, en.progress.donors_one.replace('{{formatted}}', '1')],
    ['en', 'progress.donors', { count: 0, formatted: '0' }, en.progress.donors_other.replace('{{formatted}}', '0')],
    ['en', 'progress.donors', { count: 23, formatted: '23' }, en.progress.donors_other.replace('{{formatted}}', '23')],
    // Portuguese counts zero as one; Spanish and Portuguese have a form for millions.
    ['pt', 'progress.donors', { count: 0, formatted: '0' }, pt.progress.donors_one.replace('{{formatted}}', '0')],
    ['pt', 'progress.donors', { count: 2, formatted: '2' }, pt.progress.donors_other.replace('{{formatted}}', '2')],
    ['es', 'progress.donors', { count: 1_000_000, formatted: '1.000.000' }, es.progress.donors_many.replace('{{formatted}}', '1.000.000')],
    ['es', 'progress.donors', { count: 1, formatted: '1' }, es.progress.donors_one.replace('{{formatted}}', '1')],
    ['en', 'no.such.key', undefined, 'no.such.key'],
    // A group asked for as a string reads as its key, never as i18next's note about objects.
    ['en', 'summary', undefined, 'summary'],
    // A placeholder with no value is left as it is, not filled with "undefined".
    ['en', 'amount.limits', { minimum: '$5' }, en.amount.limits.replace('{{minimum}}', '$5')],
  ];
  for (const [language, key, options, expected] of cases) {
    it(`${language} ${key} ${JSON.stringify(options ?? {})}`, () => {
      expect(translator.translate(language, key, options)).to.equal(expected);
    });
  }

  it('chooses each language\'s plural form by its own rules, `_many` included', () => {
    // The locale files' `_many` reads like `_other`; these forms tell which one i18next chose.
    const forms = { n_one: 'one', n_many: 'many', n_other: 'other' };
    const plurals = new Translator({ n_one: 'one', n_other: 'other' });
    plurals.add('es', forms);
    plurals.add('pt', forms);
    const read = (language: Language, count: number) => plurals.translate(language, 'n', { count });
    expect([0, 1, 2, 1_000_000].map((count) => read('en', count))).to.deep.equal(['other', 'one', 'other', 'other']);
    expect([0, 1, 2, 1_000_000].map((count) => read('es', count))).to.deep.equal(['other', 'one', 'other', 'many']);
    expect([0, 1, 2, 1_000_000].map((count) => read('pt', count))).to.deep.equal(['one', 'one', 'other', 'many']);
  });

  it('falls back to English for a string a language lacks', () => {
    const partial = new Translator({ submit: { empty: 'Donate', busy: 'Processing…' } });
    partial.add('es', { submit: { empty: 'Donar' } });
    expect([partial.translate('es', 'submit.empty'), partial.translate('es', 'submit.busy')]).to.deep.equal(['Donar', 'Processing…']);
  });

  it('keeps the strings it has when more of a language arrive', () => {
    const later = new Translator({ submit: { empty: 'Donate' } });
    later.add('es', { submit: { empty: 'Donar' } });
    later.add('es', { errors: { name_required: 'Escribe tu nombre.' }, submit: { busy: 'Procesando…' } });
    expect(['submit.empty', 'submit.busy', 'errors.name_required'].map((key) => later.translate('es', key))).to.deep.equal(['Donar', 'Procesando…', 'Escribe tu nombre.']);
  });

  it('speaks a language\'s strings once they arrive, though it gave English for them before', () => {
    const arriving = new Translator({ submit: { once: 'Donate {{total}}' } });
    expect(arriving.translate('es', 'submit.once', { total: '$5.00' })).to.equal('Donate $5.00');
    arriving.add('es', { submit: { once: 'Donar {{total}}' } });
    expect(arriving.translate('es', 'submit.once', { total: '$5.00' })).to.equal('Donar $5.00');
  });

  it('leaves a host page\'s own i18next as it was: its language, its strings, its answers', async () => {
    await i18next.init({ lng: 'de', resources: { de: { translation: { hello: 'Hallo' } } }, showSupportNotice: false } as Parameters<typeof i18next.init>[0]);
    const ours = new Translator({ hello: 'Hello' });
    ours.add('es', { hello: 'Hola' });
    expect([ours.translate('en', 'hello'), ours.translate('es', 'hello')]).to.deep.equal(['Hello', 'Hola']);
    expect([i18next.language, i18next.t('hello'), i18next.hasResourceBundle('en', 'translation'), i18next.hasResourceBundle('es', 'translation')]).to.deep.equal(['de', 'Hallo', false, false]);
  });
});
