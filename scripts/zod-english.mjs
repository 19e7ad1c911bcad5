/**
 * An esbuild plugin: zod re-exports its error messages in some fifty languages as one namespace,
 * which no bundler can shake; nom speaks English and sets no locale, so only English is bundled
 * (half a bundle's size).
 */
export const englishZod = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only', pluginData: args.resolveDir } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({ contents: "export { default as en } from '../locales/en.js';", resolveDir: args.pluginData, loader: 'js' }));
  },
};
