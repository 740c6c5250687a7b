/**
 * What a native reader of each language notices in the form's strings: one register throughout (tú
 * in Spanish, você in Brazilian Portuguese), one word for "full", one wording for "try again" and for
 * an unreachable server, and nothing that presumes the donor's gender.
 */
import { describe, it } from './mocha.js';
import { expect } from '@open-wc/testing';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt.json';
import managePt from '../../locales/manage/pt.json';
import mailPt from '../../locales/mail/pt.json';

/** Every string of a locale, by its key path. */
function strings(node: object, prefix = ''): Array<[string, string]> {
  return Object.entries(node).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'object' ? strings(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)]],
  );
}
const offending = (locale: object, pattern: RegExp) => strings(locale).filter(([, value]) => pattern.test(value));

describe('the form\'s strings', () => {
  it('say the server could not be reached in one wording, whoever finds it out', () => {
    for (const locale of [en, es, pt]) expect(locale.form.offline).to.equal(locale.errors.network_error);
  });

  it('speak to a Spanish-speaking donor as tú throughout', () => {
    // Usted, its possessive and its imperatives ("revise", "escriba"…): the form says "revisa", "escribe".
    expect(offending(es, /\b(usted|ustedes|su|sus|revise|elija|escriba|intente|vuelva|comuníquese|espere|pruebe|recargue|indique|acorte|deje|use|agregue)\b/i)).to.deep.equal([]);
  });

  it('speak to a Brazilian donor as você throughout', () => {
    // "te avisar", "teu recibo": tu's pronouns beside você's verbs.
    expect(offending(pt, /\b(te|ti|tu|teu|tua|teus|tuas|contigo)\b/i)).to.deep.equal([]);
  });

  it('say "full" one way in each language: "integral" in Portuguese, "completa" in Spanish', () => {
    // Of the gift, that is: a "nome completo" is another matter.
    expect(offending(pt, /inteir|(doação|valor) complet/i)).to.deep.equal([]);
    expect(offending(es, /íntegr|donación entera/i)).to.deep.equal([]);
    for (const key of ['cover', 'coverPending'] as const) expect(pt.fee[key], key).to.contain('integral');
    expect(pt.thanks.fee).to.contain('integral');
  });

  it('say "try again" one way in each language', () => {
    // The form, the manage page and the mail speak to the same donor.
    for (const locale of [pt, managePt, mailPt]) expect(offending(locale, /\bde novo\b/i)).to.deep.equal([]);
    expect(offending(es, /\binténtalo\b/i)).to.deep.equal([]);
  });

  it('never presume the donor\'s gender where the donor speaks', () => {
    // "Não, obrigado" is a man's answer; the donor says the decline.
    expect(pt.fee.decline).to.not.match(/obrigad[oa]/i);
  });
});
