import { defineConfig } from 'vite';

// CesiumJS is not bundled: its prebuilt Cesium.js, workers, widgets CSS and Natural Earth II imagery are
// copied to dist/cesium by scripts/copy-cesium.mjs and loaded by index.html; the app uses window.Cesium.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
