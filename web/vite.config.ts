import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * In development Vite serves the app and proxies `/api` to the yiwang server.
 * In production the server itself serves `web/dist` on the same port, so no proxy exists there.
 * YIWANG_API_URL lets a developer point the proxy elsewhere (for example a mock during screenshots).
 */
const apiTarget = process.env.YIWANG_API_URL ?? 'http://127.0.0.1:8080';
// The OIDC provider's pages and discovery (docs/oidc.md) are the server's too.
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/oidc': { target: apiTarget, changeOrigin: false },
  '/.well-known': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    target: 'es2022',
    sourcemap: process.env.YIWANG_SOURCEMAP === '1',
    // dist/.vite/manifest.json: lets scripts/bundle-size.mjs follow what a page loads.
    manifest: true,
    // The portal must stay light; the admin and workbench faces are separate lazy chunks.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Stable names help the server set long-lived cache headers on /assets/*.
        assetFileNames: 'assets/[name]-[hash][extname]',
        chunkFileNames: 'assets/[name]-[hash].js',
        entryFileNames: 'assets/[name]-[hash].js',
      },
    },
  },
});
