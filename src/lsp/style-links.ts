import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_DIR, STYLE_FILE } from '../docs/files.js';

/**
 * Links from a rule id to its entry in the team's style guide, when `archangel docs` wrote one in
 * its default place: each rule's heading there carries `<a id="RULE">` (src/docs/render-style.ts).
 * The file is read again only when it changes.
 */
export function styleGuideLinks(root: string): (ruleId: string) => string | undefined {
  const path = join(root, DOCS_DIR, STYLE_FILE);
  const href = pathToFileURL(path).href;
  let read: { mtimeMs: number; text: string } | undefined;
  return (ruleId) => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
      if (read?.mtimeMs !== mtimeMs) read = { mtimeMs, text: readFileSync(path, 'utf8') };
    } catch {
      // No style guide (yet): no links.
      read = undefined;
      return undefined;
    }
    return read.text.includes(`<a id="${ruleId}">`) ? `${href}#${ruleId}` : undefined;
  };
}
