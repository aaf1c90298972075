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

/** Changes to one file of a package, made while bundling. */
interface VendorPatch {
  /** The file, as a path ending. */
  file: RegExp;
  /** Exact texts and their replacements; if one is gone from the package, the build warns and bundles the file as it is. */
  edits: Array<[from: string, to: string]>;
}

/** A necessary condition of any emoji, cheap to compile: every emoji sequence holds a code point with the Emoji property. */
const EMOJI_CODE_POINT = 'const couldBeEmoji = /\\p{Emoji}/u;';

/**
 * Costs of the first frame that only the bundle can take out, each measured with the CPU time of
 * importing and first rendering the bundle:
 * - yoga-layout (Ink's layout engine) is WebAssembly in a base64 data: URL, and its Emscripten
 *   loader reads it with `fetch` whenever `fetch` exists: Node then loads undici, its whole HTTP
 *   client, for a string already in memory (~25 of ~105 ms of import CPU). Hiding `fetch` for that
 *   one call makes the loader decode the string itself, as it does where there is no fetch.
 * - string-width (both versions Ink brings) tests every non-ASCII character (a box border, "…")
 *   against an emoji regex whose first use compiles thousands of sequences (~14 ms). Ruling out
 *   characters without the Emoji property first (/\p{Emoji}/u compiles in 0.1 ms) gives the same
 *   widths without it.
 */
const VENDOR_PATCHES: VendorPatch[] = [
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
    edits: [
      [
        'const Yoga = wrapAssembly(await loadYoga());',
        `const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
delete globalThis.fetch;
let Yoga;
try {
  Yoga = wrapAssembly(await loadYoga());
} finally {
  if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
}`,
      ],
    ],
  },
  {
    // string-width 7 (wrap-ansi's); before string-width 8, whose file pattern its path also matches.
    file: /[\\/]wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
    edits: [
      ["import emojiRegex from 'emoji-regex';", `import emojiRegex from 'emoji-regex';\n${EMOJI_CODE_POINT}`],
      ['if (emojiRegex().test(character))', 'if (couldBeEmoji.test(character) && emojiRegex().test(character))'],
    ],
  },
  {
    // string-width 8 (Ink's own).
    file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
    edits: [
      ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', `const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;\n${EMOJI_CODE_POINT}`],
      ['if (rgiEmojiRegex.test(segment) ||', 'if ((couldBeEmoji.test(segment) && rgiEmojiRegex.test(segment)) ||'],
    ],
  },
];

const vendorPatches: Plugin = {
  name: 'vendor-patches',
  setup(plugins) {
    for (const patch of VENDOR_PATCHES) {
      plugins.onLoad({ filter: patch.file }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        const gone = patch.edits.find(([from]) => !source.includes(from));
        if (gone) return { warnings: [{ text: `${args.path} changed: "${gone[0]}" is gone, so it is bundled unpatched` }] };
        for (const [from, to] of patch.edits) source = source.replace(from, to);
        return { contents: source, loader: 'js', resolveDir: dirname(args.path) };
      });
    }
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
  plugins: [devtoolsStaysOut, coreStaysOut, vendorPatches],
  logLevel: 'warning',
});
