import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    // Two pages: the desk, and the session screen for a room (which bundles nothing of the desk's API).
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html'), session: resolve(import.meta.dirname, 'renderer/session.html') } },
  },
});
