/**
 * i18next for the pasted script, without what the form never asks of it. i18next is one module of
 * classes, so no bundler can leave out a method nobody calls; this build step does, for the form's
 * use of it (src/widget/translate.ts: one private instance, strings given rather than fetched, `t`
 * with `{{name}}` placeholders, plural forms and English as the fallback):
 * - methods the form never calls (the backend's loading and saving of missing keys, cloning, `dir`,
 *   plugins, `getFixedT`…), left out whole, and statements that run only for options and modules
 *   it does not use (a backend, a language detector, post-processors, saveMissing…);
 * - formats (`{{value, number}}`) and nesting (`$t(key)`), which no string of locales/ uses: a
 *   string that used them would show its placeholder as written;
 * - the default instance and the exports other than createInstance;
 * - and default and rest parameters spelled as parameters again (see restoreParameters).
 * Everything else is i18next's own code, unchanged. Each piece is found by its name in the
 * parsed module, and the build fails if one is not there (a new i18next: look again), so nothing is
 * left out by accident. test/build/trim-i18next.test.ts checks that every string of every language
 * comes out of the trimmed i18next exactly as out of the whole one.
 */
import type { Plugin } from 'vite';

/** Methods left out, by class. */
const UNUSED_METHODS: Record<string, string[]> = {
  Logger: ['deprecate', 'clone'],
  ResourceStore: ['removeNamespaces', 'addResource', 'addResources', 'removeResourceBundle', 'toJSON'],
  Translator: ['exists', 'getUsedParamsDetails', 'hasDefaultValue'],
  Interpolator: ['nest'],
  PluralResolver: ['addRule', 'clearCache', 'needsPlural', 'getPluralFormsOfKey', 'getSuffixes'],
  I18n: ['reloadResources', 'use', 'getFixedT', 'exists', 'setDefaultNamespace', 'hasLoadedNamespace', 'loadNamespaces', 'loadLanguages', 'dir', 'cloneInstance', 'toJSON'],
};

const ELSE = Symbol('else');

/**
 * Statements left out (or, as `[beginning, instead]`, replaced; ELSE: an `if` by its `else`), by class and method, each found by
 * how it begins (white space aside): what they do happens only with options or modules the form does
 * not use (a backend, a language detector, i18nFormat, post-processors, `cimode`, returnObjects,
 * joinArrays, saveMissing), or for strings it does not have (nesting).
 */
const UNUSED_STATEMENTS: Record<string, Record<string, (string | [string, string | typeof ELSE])[]>> = {
  Translator: {
    translate: [
      "if (lng?.toLowerCase() === 'cimode')",
      // returnDetails: what was used to find the string, beside it.
      'const returnDetails = ',
      'if (returnDetails) { resolved.res = r;',
      'if (returnDetails) { resolved.res = res;',
      // returnObjects: a group of strings as an object (the form's returnedObjectHandler gives the key).
      'if (keySeparator) { const resTypeIsArray',
      // A missing key: logged when debugging, sent to a backend with saveMissing. The key is still returned.
      'if (usedKey || usedDefault || updateMissing)',
      // defaultValue: the form's strings are all in locales/, in English at least.
      'const hasDefaultValue = ',
      'const defaultValueSuffix = ',
      'const defaultValueSuffixOrdinalFallback = ',
      'const needsZeroSuffixLookup = ',
      'const defaultValue = ',
      'if (handleAsObjectInI18nFormat && !res && hasDefaultValue)',
      'if (!this.isValidLookup(res) && hasDefaultValue)',
      'const missingKeyNoValueFallbackToKey = ',
      'const resForMissing = ',
      'const updateMissing = ',
      'const appendNamespaceToCIMode = ',
      // joinArrays: an array of strings as one (the form's strings are strings).
      ['if (handleAsObjectInI18nFormat && isString(joinArrays) && Array.isArray(res))', ELSE],
    ],
    extendTranslation: [
      // i18nFormat's parse in place of interpolation: what is left is the interpolation.
      ['if (this.i18nFormat?.parse)', ELSE],
      // Nesting: `$t(key)` inside a string.
      'if (options.nest !== false)',
      'const postProcess = ',
      'const postProcessorNames = ',
      'if (res != null && postProcessorNames?.length',
    ],
    // The warning for a namespace a backend has not loaded yet (there is no backend); i18nFormat's
    // lookup keys; a `context` (the form passes none).
    resolve: ['if (!checkedLoadedFor[', ['if (this.i18nFormat?.addLookupKeys)', ELSE], 'if (needsContextHandling)'],
    // A namespace in the key (`ns:key`): the form's keys have none.
    extractFromKey: ['const seemsNaturalLanguage = ', 'if (wouldCheckForNsInKey && !seemsNaturalLanguage)'],
  },
  ResourceStore: {
    // A language code holding the whole path (`en.translation.key`): the form's codes are two letters.
    getResource: [['if (lng.indexOf(\'.\') > -1) { path = lng.split(\'.\'); }', ELSE], 'if (!result && !ns && !key && lng.indexOf(\'.\') > -1)'],
    addResourceBundle: ["if (lng.indexOf('.') > -1)"],
  },
  LanguageUtil: {
    // supportedLngs: the form asks only for languages it has.
    getBestMatchFromCodes: ['if (!found && this.options.supportedLngs)'],
    // A code with a region or script (`pt-BR`): the form's codes are two letters.
    toResolveHierarchy: [["if (isString(code) && (code.indexOf('-') > -1 || code.indexOf('_') > -1))", ELSE]],
  },
  I18n: {
    init: [
      's.utils = {',
      "s.backendConnector.on('*'",
      'if (this.modules.languageDetector)',
      'if (this.modules.i18nFormat)',
      'this.modules.external.forEach(',
      'if (!this.services.languageDetector && !this.options.lng)',
      // The form gives lng, and no logger or formatter of its own.
      'if (this.options.fallbackLng && !this.services.languageDetector && !this.options.lng)',
      ['if (this.modules.logger)', ELSE],
      ['if (this.modules.formatter)', ELSE],
    ],
    // Strings are given, never loaded: what loading them does with a backend is not needed.
    loadResources: [['if (!this.options.resources || this.options.partialBundledLanguages)', 'usedCallback(null);']],
    changeLanguage: [
      'this.services.languageDetector?.cacheUserLanguage?.(l);',
      ['if (!lng && this.services.languageDetector && !this.services.languageDetector.async)', 'setLng(lng);'],
    ],
  },
};

/** Top-level declarations replaced (`''`: left out), by name. */
const DECLARATIONS: Record<string, string> = {
  parseFormatStr: '',
  createCachedFormatter: '',
  // init still makes one and binds its `format`, which interpolation calls only for `{{value, format}}`.
  Formatter: 'class Formatter { init() {} format(value) { return value; } }',
  removePending: '',
  // The backend connector: with no backend, nothing of it is used.
  Connector: 'class Connector {}',
  checkedLoadedFor: '',
  // Only extractFromKey's namespace check used these.
  chars: '',
  looksLikeObjectPathRegExpCache: '',
  looksLikeObjectPath: '',
  RegExpCache: '',
  postProcessor: '',
};

/** Properties left out of the default options (`get`): read only by what is left out above, or for `t` called without an options object. */
const UNUSED_DEFAULTS = ['overloadTranslationOptionHandler', 'saveMissingTo', 'saveMissingPlurals', 'appendNamespaceToCIMode', 'postProcessPassResolved'];

/** What the module ends with instead of its default instance and its exports. */
const EXPORTS = 'const createInstance = I18n.createInstance;\nexport { createInstance };\n';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

/** Every statement inside a node, however deep. */
function statements(node: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((each) => statements(each, found));
  else if (node && typeof node === 'object') {
    const { type } = node as Node;
    if (typeof type === 'string' && (type.endsWith('Statement') || type === 'VariableDeclaration')) found.push(node as Node);
    for (const [key, value] of Object.entries(node)) if (key !== 'parent') statements(value, found);
  }
  return found;
}

export function trimI18next(code: string, parse: (code: string) => { body: Node[] }): string {
  const program = parse(code);
  const edits: Edit[] = [];
  const missing = (what: string) => new Error(`trim-i18next: ${what} is not in i18next's module any more; look at build/trim-i18next.ts again`);
  const nameOf = (node: Node): string | undefined => {
    if (node.type === 'ClassDeclaration' || node.type === 'FunctionDeclaration') return (node.id as { name: string } | null)?.name;
    if (node.type === 'VariableDeclaration') {
      const declarations = node.declarations as { id: { name?: string } }[];
      return declarations.length === 1 ? declarations[0]!.id.name : undefined;
    }
    return undefined;
  };
  const top = new Map(program.body.map((node) => [nameOf(node), node] as const));

  for (const [name, text] of Object.entries(DECLARATIONS)) {
    const node = top.get(name);
    if (!node) throw missing(name);
    edits.push({ start: node.start, end: node.end, text });
  }
  for (const name of new Set([...Object.keys(UNUSED_METHODS), ...Object.keys(UNUSED_STATEMENTS)])) {
    const node = top.get(name);
    if (node?.type !== 'ClassDeclaration') throw missing(`class ${name}`);
    const methods = new Map(
      ((node.body as { body: Node[] }).body).map((member) => [member.type === 'MethodDefinition' ? (member.key as { name?: string }).name : undefined, member] as const),
    );
    for (const method of UNUSED_METHODS[name] ?? []) {
      const member = methods.get(method);
      if (!member) throw missing(`${name}.${method}`);
      edits.push({ start: member.start, end: member.end, text: '' });
    }
    for (const [method, beginnings] of Object.entries(UNUSED_STATEMENTS[name] ?? {})) {
      const member = methods.get(method);
      if (!member) throw missing(`${name}.${method}`);
      for (const each of beginnings) {
        const [beginning, instead] = typeof each === 'string' ? [each, ''] : each;
        const found = statements(member).filter((statement) => squeeze(code.slice(statement.start, statement.end)).startsWith(beginning));
        if (found.length !== 1) throw missing(`one statement of ${name}.${method} beginning \`${beginning}\``);
        const statement = found[0]!;
        const alternate = statement.alternate as Node | null | undefined;
        if (instead === ELSE && !alternate) throw missing(`the else of ${name}.${method}'s \`${beginning}\``);
        // An if by its else: what stands before the else goes, the else stays (edits inside it too).
        if (instead === ELSE) edits.push({ start: statement.start, end: alternate!.start, text: '' });
        else edits.push({ start: statement.start, end: statement.end, text: instead });
      }
    }
  }
  const defaults = top.get('get');
  if (!defaults) throw missing('get (the default options)');
  const properties = new Map<string | undefined, Node>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    if ((node as Node).type === 'Property') properties.set(((node as Node).key as { name?: string }).name, node as Node);
    for (const [key, value] of Object.entries(node)) if (key !== 'parent') collect(value);
  };
  collect(defaults);
  for (const name of UNUSED_DEFAULTS) {
    const property = properties.get(name);
    if (!property) throw missing(`the default option ${name}`);
    // With the comma after it.
    const end = code.indexOf(',', property.end) + 1;
    if (end === 0 || /\S/.test(code.slice(property.end, end - 1))) throw missing(`a comma after the default option ${name}`);
    edits.push({ start: property.start, end, text: '' });
  }
  // Everything after class I18n: the default instance, its methods as exports.
  const i18n = top.get('I18n')!;
  edits.push({ start: i18n.end, end: code.length, text: `\n${EXPORTS}` });

  return restoreParameters(apply(code, edits), parse);
}

/** The edits, from the last: none may overlap another. */
function apply(code: string, edits: Edit[]): string {
  let out = code;
  let before = code.length;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
    if (end > before) throw new Error('trim-i18next: two edits overlap');
    out = out.slice(0, start) + text + out.slice(end);
    before = start;
  }
  return out;
}

/**
 * i18next is published compiled for old browsers: each default or rest parameter is spelled out
 * as statements reading `arguments`. They go back to parameters (the same thing, shorter; this
 * build's browsers have them), where a function begins with them, one parameter after another.
 */
const DEFAULTED = /^let (\w+) = arguments\.length > (\d+) && arguments\[\2\] !== undefined \? arguments\[\2\] : ([\s\S]+);$/;
const OPTIONAL = /^let (\w+) = arguments\.length > (\d+) \? arguments\[\2\] : undefined;$/;
const REST = /^for \(var (_len\d*) = arguments\.length, (\w+) = new Array\(\1(?: > (\d+) \? \1 - \3 : 0)?\), (_key\d*) = (\d+); \4 < \1; \4\+\+\) \{ \2\[\4(?: - \5)?\] = arguments\[\4\]; \}$/;

function restoreParameters(code: string, parse: (code: string) => { body: Node[] }): string {
  const edits: Edit[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const fn = node as Node;
    if ((fn.type === 'FunctionExpression' || fn.type === 'FunctionDeclaration') && fn.body) rewrite(fn);
    for (const [key, value] of Object.entries(node)) if (key !== 'parent') visit(value);
  };
  const rewrite = (fn: Node) => {
    const params = fn.params as Node[];
    const body = fn.body as Node & { body: Node[] };
    const close = code.lastIndexOf(')', body.start);
    const open = params.length ? code.lastIndexOf('(', params[0]!.start) : close - 1;
    if (code[open] !== '(' || /\S/.test(code.slice(close + 1, body.start))) return;
    const names = params.map((param) => code.slice(param.start, param.end));
    let end = -1;
    let rest = false;
    for (const statement of body.body) {
      if (rest) break;
      const text = squeeze(code.slice(statement.start, statement.end));
      const defaulted = DEFAULTED.exec(text) ?? OPTIONAL.exec(text);
      const spread = REST.exec(text);
      if (defaulted && Number(defaulted[2]) === names.length) names.push(defaulted[3] ? `${defaulted[1]} = ${defaulted[3]}` : defaulted[1]!);
      else if (spread && Number(spread[5] ?? 0) === names.length && Number(spread[3] ?? 0) === names.length) {
        names.push(`...${spread[2]}`);
        rest = true;
      } else break;
      end = statement.end;
    }
    if (end < 0) return;
    edits.push({ start: open + 1, end: close, text: names.join(', ') }, { start: body.start + 1, end, text: '' });
  };
  visit(parse(code).body);
  return apply(code, edits);
}

/** The plugin: for the pasted script's build only (the library build leaves i18next to the app's bundler). */
export const trimI18nextPlugin: Plugin = {
  name: 'mira-trim-i18next',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]i18next[\\/]dist[\\/]esm[\\/]i18next\.js$/.test(id)) return undefined;
    return { code: trimI18next(code, (source) => this.parse(source) as unknown as { body: Node[] }), map: null };
  },
};
