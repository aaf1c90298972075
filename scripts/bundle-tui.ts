// Part of `npm run build`, after tsc: bundles the interactive view (dist/tui/run-tui.js, which
// `watch` imports once it knows it has a terminal) with Ink, React and yoga into that one file.
// Node's ESM loader takes ~350 ms to resolve and read Ink's ~650 module files (400 of them
// es-toolkit's, for one `throttle`); the bundle loads in ~90 ms, which is most of what
// `watch` spends before its first frame. Everything else in dist/ stays as tsc wrote it.
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
  plugins: [devtoolsStaysOut, coreStaysOut],
  logLevel: 'warning',
});
