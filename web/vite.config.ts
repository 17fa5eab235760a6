import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs on :3000 in development; the built app is served by the same server
// as the API (scripts/src/server.ts), so production needs no proxy.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Charts are heavy and only the dashboard pages need them: keep them out of the
        // first (login/shell) chunk so the first page stays well under its JS budget.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'charts',
              test: /node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|internmap|decimal\.js-light|@reduxjs|immer|reselect|react-redux|redux|es-toolkit|eventemitter3|use-sync-external-store|clsx|tiny-invariant)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
