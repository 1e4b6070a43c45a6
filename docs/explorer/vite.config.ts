/**
 * Builds the criteria explorer: `npm run site` -> docs/explorer/dist, a folder that works opened from a
 * file:// URL or served by any static server, under a strict Content-Security-Policy.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { catalogueData, keepSideEffects, staticPage, workerScripts } from "./build/plugins.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs, so the folder works wherever it is put, including file://.
  base: "./",
  publicDir: false,
  plugins: [keepSideEffects(/\/zod-jitless\.ts$/), catalogueData(repo), workerScripts(repo, here), staticPage()],
  resolve: {
    // The library as its users get it: the package's own ESM build (dist/index.js, made by `npm run build`),
    // so the page also proves that the published core runs in a browser. Exact match only: the page never
    // imports `tieuchi/node`.
    alias: [{ find: /^tieuchi$/, replacement: `${repo}dist/index.js` }],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // One classic script: browsers refuse module scripts from file:// (CORS), and without code
    // splitting there is nothing to preload.
    modulePreload: false,
    // One stylesheet file: with a classic script, Vite would otherwise inject CSS through a <style>
    // element, which `style-src 'self'` forbids.
    cssCodeSplit: false,
    // Files, never data: URLs, which `default-src 'self'` would refuse.
    assetsInlineLimit: 0,
    rolldownOptions: { output: { format: "iife" } },
  },
});
