import { basename, extname } from 'node:path';

/**
 * Languages ArchAngel knows by name. The first twelve have a tree-sitter grammar shipped in
 * @repomix/tree-sitter-wasms; the rest are indexed as text (line windows, lexical conventions).
 */
export const PARSED_LANGUAGES = [
  'typescript',
  'tsx',
  'javascript',
  'python',
  'go',
  'java',
  'csharp',
  'rust',
  'ruby',
  'php',
  'c',
  'cpp',
] as const;

export type ParsedLanguage = (typeof PARSED_LANGUAGES)[number];
export type Language = ParsedLanguage | 'kotlin' | 'swift' | 'scala' | 'shell' | 'css' | 'html' | 'markdown' | 'sql' | 'text';

const BY_EXTENSION: Record<string, Language> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.py': 'python',
  '.pyi': 'python',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.rs': 'rust',
  '.rb': 'ruby',
  '.php': 'php',
  '.c': 'c',
  '.h': 'c',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.hpp': 'cpp',
  '.hh': 'cpp',
  '.hxx': 'cpp',
  '.kt': 'kotlin',
  '.kts': 'kotlin',
  '.swift': 'swift',
  '.scala': 'scala',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.css': 'css',
  '.scss': 'css',
  '.less': 'css',
  '.html': 'html',
  '.htm': 'html',
  '.vue': 'html',
  '.svelte': 'html',
  '.md': 'markdown',
  '.mdx': 'markdown',
  '.rst': 'markdown',
  '.sql': 'sql',
};

const BY_NAME: Record<string, Language> = {
  Dockerfile: 'shell',
  Makefile: 'shell',
  Rakefile: 'ruby',
  Gemfile: 'ruby',
};

/** The language of a file from its name alone; `undefined` means "not source we index". */
export function detectLanguage(path: string): Language | undefined {
  const name = basename(path);
  const byName = BY_NAME[name];
  if (byName) return byName;
  const ext = extname(name).toLowerCase();
  if (ext === '') return undefined;
  return BY_EXTENSION[ext] ?? (TEXT_EXTENSIONS.has(ext) ? 'text' : undefined);
}

const TEXT_EXTENSIONS = new Set(['.txt', '.toml', '.yaml', '.yml', '.ini', '.cfg', '.gradle', '.proto', '.graphql', '.gql', '.tf', '.lua', '.pl', '.r', '.dart', '.ex', '.exs', '.erl', '.hs', '.clj', '.elm', '.ml', '.fs', '.zig', '.nim', '.jl', '.m', '.mm', '.vb', '.ps1']);

/**
 * Languages written the same way, so code in one is comparable with code in another and may lend
 * it a habit: JavaScript, TSX and TypeScript.
 */
const SIBLINGS: Partial<Record<Language, readonly Language[]>> = {
  typescript: ['tsx', 'javascript'],
  tsx: ['typescript', 'javascript'],
  javascript: ['typescript', 'tsx'],
};

/** The other languages of `language`'s family, closest first; none for most languages. */
export function siblingLanguages(language: Language): readonly Language[] {
  return SIBLINGS[language] ?? [];
}

export function isParsedLanguage(language: Language): language is ParsedLanguage {
  return (PARSED_LANGUAGES as readonly string[]).includes(language);
}

/** How people write each language's name, for sentences and headings. */
const LANGUAGE_NAMES: Record<string, string> = {
  typescript: 'TypeScript', tsx: 'TSX', javascript: 'JavaScript', python: 'Python', go: 'Go', java: 'Java', csharp: 'C#',
  rust: 'Rust', ruby: 'Ruby', php: 'PHP', c: 'C', cpp: 'C++', kotlin: 'Kotlin', swift: 'Swift', scala: 'Scala', shell: 'Shell', css: 'CSS', html: 'HTML', sql: 'SQL',
};

export function languageName(language: string): string {
  return LANGUAGE_NAMES[language] ?? language;
}
