import { readFileSync } from 'node:fs';
import { defineConfig, Plugin } from 'vite';

// Built into client/dist and served by the Nest app at `/` (src/client/serve-client.ts).
export default defineConfig({
  base: '/',
  // form-js in Italian: its English literals replaced at build time (the build fails if one moved).
  plugins: [italianFormJs()],
  // The dev server pre-bundles form-js: the same translation there.
  optimizeDeps: { rolldownOptions: { plugins: [italianFormJs()] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // For `npm run bench:client`: which chunks the first screen loads.
    manifest: true,
    rollupOptions: {
      // design-react-kit's React Bootstrap marks modules "use client" for server rendering,
      // which a browser bundle has no use for.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      checks: { pluginTimings: false },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  css: {
    preprocessorOptions: {
      scss: {
        // Bootstrap Italia's sources are Sass with @import: its deprecation notes are not ours.
        loadPaths: ['node_modules'],
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin', 'color-functions'],
      },
    },
  },
  // `npx vite client` for development, with the API of `npm run start:dev` behind it.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

/** The viewer's bundle, as Vite resolves `@bpmn-io/form-js-viewer` (its `import` export). */
const FORM_JS_VIEWER = /[\\/]@bpmn-io[\\/]form-js-viewer[\\/]dist[\\/]index\.es\.js$/;

/**
 * Replaces form-js's English literals with the Italian of src/forms/form-js-italian.json. A piece
 * not found fails the build, naming it; so does a build where the viewer was never met (a change
 * in how it is imported would otherwise skip the translation).
 */
function italianFormJs(): Plugin {
  const table = JSON.parse(
    readFileSync(new URL('./src/forms/form-js-italian.json', import.meta.url), 'utf8'),
  ) as { replacements: Record<string, Array<[string, string]>> };
  const pairs = Object.values(table.replacements).flat();
  let building = false;
  let translated = false;
  return {
    name: 'percorsi-form-js-italian',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build';
    },
    transform(code, id) {
      if (!FORM_JS_VIEWER.test(id.replace(/\?.*$/, ''))) return null;
      const missing: string[] = [];
      for (const [english, italian] of pairs) {
        const parts = code.split(english);
        if (parts.length === 1) missing.push(english);
        code = parts.join(italian);
      }
      if (missing.length > 0)
        this.error(
          `form-js in italiano: ${missing.length} testi inglesi non sono più in @bpmn-io/form-js-viewer ` +
            `(aggiornato?); correggere client/src/forms/form-js-italian.json:\n  ${missing.join('\n  ')}`,
        );
      translated = true;
      return { code, map: null };
    },
    buildEnd(error) {
      if (building && !error && !translated)
        this.error('form-js in italiano: @bpmn-io/form-js-viewer non è stato tradotto.');
    },
  };
}
