import { defineConfig } from 'vite';
import { italianFormJs } from './src/forms/form-js-italian';

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
