// `npm run manifest` (cem analyze --litelement): custom-elements.json from the element's JSDoc.
export default {
  globs: ['src/widget/**/*.ts'],
  exclude: ['src/widget/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
};
