import { validateMermaid } from '@aj-archipelago/merval';
import { describe, expect, it } from 'vitest';
import { citeMarkdown, lineLink, webBaseOf } from '../../src/docs/links.js';
import { mermaidFlowchart } from '../../src/docs/mermaid.js';
import { checkFlowchart } from './flowchart-check.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const citation = { repo: 'acme/api', path: 'src/a b/ü.ts', startLine: 10, endLine: 20, commit: SHA };

describe('links to golden lines', () => {
  it('links GitHub and GitLab remotes at the pinned commit with line anchors', () => {
    expect(lineLink(webBaseOf('https://github.com/acme/api.git')!, citation)).toBe(`https://github.com/acme/api/blob/${SHA}/src/a%20b/%C3%BC.ts#L10-L20`);
    expect(lineLink(webBaseOf('git@github.com:acme/api.git')!, { ...citation, endLine: 10 })).toBe(`https://github.com/acme/api/blob/${SHA}/src/a%20b/%C3%BC.ts#L10`);
    expect(lineLink(webBaseOf('https://gitlab.com/group/sub/api')!, citation)).toBe(`https://gitlab.com/group/sub/api/-/blob/${SHA}/src/a%20b/%C3%BC.ts#L10-20`);
  });

  it('never puts credentials from a remote URL into a link', () => {
    expect(webBaseOf('https://user:secret@github.com/acme/api.git')?.url).toBe('https://github.com/acme/api');
  });

  it('cites unhosted repos by repo, path and lines', () => {
    expect(webBaseOf('file:///srv/git/api.git')).toBeUndefined();
    expect(webBaseOf('https://git.internal.example/acme/api.git')).toBeUndefined();
    expect(citeMarkdown(citation, undefined)).toBe('`acme/api src/a b/ü.ts:10-20`');
  });
});

describe('the module diagram', () => {
  it('parses as Mermaid even when folder names hold dots, dashes, @, quotes and parentheses', () => {
    const modules = ['(root)', 'src/@scope', 'packages/my-lib.v2', 'lib/"odd"', 'src/scope', 'src/_scope'];
    const diagram = mermaidFlowchart(modules, [
      { from: 'src/@scope', to: 'packages/my-lib.v2', imports: 3 },
      { from: 'lib/"odd"', to: '(root)', imports: 1 },
      { from: 'src/scope', to: 'src/_scope', imports: 2 },
    ]);
    const result = validateMermaid(diagram);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
    expect(checkFlowchart(diagram)).toEqual({ nodes: 6, edges: 3 });
  });
});
