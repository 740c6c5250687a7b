// `npm run manifest` (cem analyze --litelement): custom-elements.json from the element's JSDoc.
const PUBLIC_MODULE = 'dist/lib/mira-donate.js';

/**
 * The analyzer describes every source module by its path in src/, which the npm package does not
 * ship. Editors and docs tools want the element and the module a user imports it from, so the
 * manifest keeps the custom elements' declarations and names the package's public module
 * (`import 'mira-donate'`) as where they are, a path that exists in the package.
 */
const publishedPaths = {
  name: 'mira-published-paths',
  packageLinkPhase({ customElementsManifest }) {
    const elements = customElementsManifest.modules.flatMap((module) => (module.declarations ?? []).filter((declaration) => declaration.customElement));
    const at = (name) => ({ name, module: PUBLIC_MODULE });
    customElementsManifest.modules = [
      {
        kind: 'javascript-module',
        path: PUBLIC_MODULE,
        declarations: elements,
        exports: elements.flatMap((element) => [
          { kind: 'js', name: element.name, declaration: at(element.name) },
          { kind: 'custom-element-definition', name: element.tagName, declaration: at(element.name) },
        ]),
      },
    ];
    // References between declarations named source modules too.
    const visit = (node) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      if (typeof node.module === 'string' && node.module.startsWith('src/')) node.module = PUBLIC_MODULE;
      Object.values(node).forEach(visit);
    };
    visit(customElementsManifest.modules[0].declarations);
  },
};

export default {
  globs: ['src/widget/**/*.ts'],
  exclude: ['src/widget/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [publishedPaths],
};
