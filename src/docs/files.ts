/** Where `archangel docs` writes by default (`--out`), and its documents' names. */
export const DOCS_DIR = 'docs/archangel';
export const STYLE_FILE = 'CODE_STYLE.md';
export const WIKI_FILE = 'WIKI.md';
