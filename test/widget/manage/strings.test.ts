/** The manage page's strings: every key in all three languages, with the same placeholders, none empty. */
import { expect } from '@open-wc/testing';
import { describe, it } from '../mocha.js';
import en from '../../../locales/manage/en.json';
import es from '../../../locales/manage/es.json';
import pt from '../../../locales/manage/pt.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** `months_many` is Spanish's and Portuguese's plural form: compared by the key without it. */
const keys = (strings: Map<string, string>) => new Set([...strings.keys()].filter((key) => !key.endsWith('_many')));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locales/manage', () => {
  const english = flatten(en as Tree);
  for (const [language, strings] of [['es', flatten(es as Tree)], ['pt', flatten(pt as Tree)]] as const) {
    it(`${language} has every English key and no other, with the same placeholders, none empty`, () => {
      expect([...keys(strings)].sort()).to.deep.equal([...keys(english)].sort());
      for (const [key, text] of strings) {
        expect(text.trim(), key).to.not.equal('');
        expect(placeholders(text), key).to.deep.equal(placeholders(english.get(key.replace(/_many$/, '_other'))!));
      }
      expect(strings.has('pause.months_many'), 'the _many plural form').to.equal(true);
    });
  }
});
