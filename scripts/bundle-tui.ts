// Part of `npm run build`, after tsc: bundles the interactive view (dist/tui/run-tui.js, which
// `watch` imports once it knows it has a terminal) with Ink, React and yoga into that one file.
// Node's ESM loader takes ~350 ms to resolve and read Ink's ~650 module files (400 of them
// es-toolkit's, for one `throttle`); the bundle loads in ~90 ms, which is most of what
// `watch` spends before its first frame. Everything else in dist/ stays as tsc wrote it.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const entry = new URL('../dist/tui/run-tui.js', import.meta.url).pathname;
const tuiDir = dirname(entry);
const distDir = dirname(tuiDir);

/**
 * Ink imports its React DevTools bridge only when DEV=true, from a file that imports the optional
 * `react-devtools-core`. Left as the dynamic import it is, so the bundle behaves as before: the
 * import fails (the package is not installed) and Ink says how to install it.
 */
const devtoolsStaysOut: Plugin = {
  name: 'ink-devtools-stays-out',
  setup(plugins) {
    plugins.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (args.importer.includes('/node_modules/ink/') ? { path: args.path, external: true } : undefined));
  },
};

/**
 * Only the TUI and its packages go into the bundle. The core modules it imports (render-notes,
 * severity, the terminal palette…) stay the files tsc wrote, imported from the bundle's folder:
 * one copy of each module in the process, so a class checked with `instanceof` or a module's
 * state is never duplicated.
 */
const coreStaysOut: Plugin = {
  name: 'core-stays-out',
  setup(plugins) {
    plugins.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      if (!target.startsWith(`${distDir}/`) || target.startsWith(`${tuiDir}/`)) return undefined;
      return { path: `./${relative(tuiDir, target)}`, external: true };
    });
  },
};

/**
 * yoga-layout (Ink's layout engine) is WebAssembly in a base64 data: URL, and its Emscripten loader
 * reads it with `fetch` whenever `fetch` exists: Node then loads undici, its HTTP client, for a
 * string already in memory, a quarter of the bundle's load time (~25 of ~105 ms of CPU here). Its
 * index is loaded with `fetch` out of sight for that one call, so the loader decodes the string
 * itself, as it does where there is no fetch. If yoga changes shape the bundle keeps it as it is.
 */
const YOGA_LOAD = 'const Yoga = wrapAssembly(await loadYoga());';
const yogaWithoutFetch: Plugin = {
  name: 'yoga-without-fetch',
  setup(plugins) {
    plugins.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(YOGA_LOAD)) return { warnings: [{ text: 'yoga-layout changed: it loads its WebAssembly with fetch again' }] };
      const contents = source.replace(
        YOGA_LOAD,
        `const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
delete globalThis.fetch;
let Yoga;
try {
  Yoga = wrapAssembly(await loadYoga());
} finally {
  if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
}`,
      );
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // React's production build, as a shipped CLI runs it: no development-only checks and warnings.
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS packages inside (React) call `require` for Node built-ins; ESM has none of its own.
  banner: { js: "import { createRequire as archangelCreateRequire } from 'node:module'; const require = archangelCreateRequire(import.meta.url);" },
  plugins: [devtoolsStaysOut, coreStaysOut, yogaWithoutFetch],
  logLevel: 'warning',
});
