import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompiledMessages } from './src/i18n/vite-messages';

// The API runs on :3000 in development; the built app is served by the same server
// as the API (scripts/src/server.ts), so production needs no proxy.
export default defineConfig({
  plugins: [react(), precompiledMessages()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // React changes least often: its own long-cached chunk. recharts needs no group:
        // only the lazy dashboard pages import it, so it never reaches the entry chunk.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
});
