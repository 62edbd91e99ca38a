import { defineConfig } from 'vite';

// Built into client/dist and served by the Nest app at `/` (src/client/serve-client.ts).
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  // `npx vite client` for development, with the API of `npm run start:dev` behind it.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
