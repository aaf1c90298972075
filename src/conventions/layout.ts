import { basename } from 'node:path';
import type { Language } from '../index/language.js';
import type { Fact } from './facts.js';
import { fileNameStyle, folderNames } from './naming/files.js';
import { MAX_CITATION_LINES } from './thresholds.js';

/** Folder names that hold tests apart from the code they test. */
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'Test', 'Tests', 'testing']);

/** How test files are named, by language family: the first pattern that matches wins. */
const TEST_NAME_PATTERNS: Array<{ languages: readonly Language[]; pattern: RegExp; name: string }> = [
  { languages: ['typescript', 'tsx', 'javascript'], pattern: /\.test\.[cm]?[jt]sx?$/, name: '<name>.test.<ext>' },
  { languages: ['typescript', 'tsx', 'javascript'], pattern: /\.spec\.[cm]?[jt]sx?$/, name: '<name>.spec.<ext>' },
  { languages: ['python'], pattern: /^test_.*\.py$/, name: 'test_<name>.py' },
  { languages: ['python'], pattern: /_test\.py$/, name: '<name>_test.py' },
  { languages: ['go'], pattern: /_test\.go$/, name: '<name>_test.go' },
  { languages: ['java', 'csharp', 'kotlin', 'scala'], pattern: /Tests\.\w+$/, name: '<Name>Tests' },
  { languages: ['java', 'csharp', 'kotlin', 'scala'], pattern: /(Test|IT)\.\w+$/, name: '<Name>Test' },
  { languages: ['java', 'csharp', 'kotlin', 'scala'], pattern: /^Test[A-Z]\w*\.\w+$/, name: 'Test<Name>' },
];

/** The test-file naming pattern a path follows, if it is named like a test. */
export function testFileName(path: string, language: Language): string | undefined {
  const name = basename(path);
  return TEST_NAME_PATTERNS.find((p) => p.languages.includes(language) && p.pattern.test(name))?.name;
}

/** Whether a path lies under a folder reserved for tests. */
function inTestFolder(path: string): boolean {
  return path.split('/').slice(0, -1).some((segment) => TEST_FOLDERS.has(segment));
}

/** Whether a file is a test: named like one, or kept in a test folder. */
export function isTestPath(path: string, language: Language | undefined): boolean {
  return (language !== undefined && testFileName(path, language) !== undefined) || inTestFolder(path);
}

/**
 * Facts that come from a file's path rather than its content: file-name case, and for test
 * files where they live and how they are named. Anchored on line 1; cited by the file's head.
 */
export function pathFacts(path: string, language: Language, lineCount: number): Fact[] {
  const cite = { line: 1, start: 1, end: Math.max(1, Math.min(lineCount, MAX_CITATION_LINES)) };
  const facts: Fact[] = [];
  const style = fileNameStyle(path);
  const name = basename(path);
  if (style) facts.push({ key: 'naming.file', value: style, symbol: name, ...cite });
  const testName = testFileName(path, language);
  if (testName) {
    facts.push({ key: 'layout.test-file-name', value: testName, symbol: name, ...cite });
    const location = inTestFolder(path) ? 'in a separate test folder' : 'beside the code they test';
    facts.push({ key: 'layout.test-location', value: location, symbol: path, ...cite });
  }
  return facts;
}

/** Folder-name facts of a path; each folder of `scope` (a repo) is counted once across calls sharing `seen`. */
export function folderFacts(path: string, seen: Set<string>, scope: string): Fact[] {
  const facts: Fact[] = [];
  const segments = folderNames(path);
  segments.forEach((segment, index) => {
    const full = segments.slice(0, index + 1).join('/');
    if (seen.has(`${scope}:${full}`) || TEST_FOLDERS.has(segment)) return;
    seen.add(`${scope}:${full}`);
    const style = fileNameStyle(segment);
    if (style) facts.push({ key: 'naming.folder', value: style, line: 1, start: 1, end: 1, symbol: full });
  });
  return facts;
}
