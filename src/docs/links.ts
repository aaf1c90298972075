import type { Citation } from '../index/citation.js';
import { placeOf } from '../review/render-notes.js';

/**
 * Where a golden place can be opened in a browser. Hosted repositories (GitHub, GitLab) get a link
 * to the file at the pinned commit with a line anchor; anything else is cited as `repo path:lines`.
 */

/** How a host spells a link to lines of a file at a commit. */
type HostStyle = 'github' | 'gitlab';

/** The web address of a repository and how its host links lines. */
export interface WebBase {
  url: string;
  style: HostStyle;
}

const SCP_LIKE = /^(?:[^@/:\s]+@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;

/**
 * The web base of a git remote URL (`https://github.com/acme/api.git`, `git@gitlab.com:acme/api`),
 * or undefined when the host is not one whose links we know. Credentials in the URL are dropped.
 */
export function webBaseOf(remote: string | undefined): WebBase | undefined {
  if (!remote) return undefined;
  let host: string;
  let path: string;
  if (/^(https?|ssh|git):\/\//i.test(remote)) {
    try {
      const url = new URL(remote);
      host = url.hostname;
      path = decodeURIComponent(url.pathname);
    } catch {
      return undefined;
    }
  } else {
    const scp = SCP_LIKE.exec(remote);
    if (!scp) return undefined;
    host = scp[1] ?? '';
    path = scp[2] ?? '';
  }
  const style = hostStyle(host.toLowerCase());
  const clean = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (!style || clean.split('/').length < 2) return undefined;
  return { url: `https://${host.toLowerCase()}/${clean}`, style };
}

function hostStyle(host: string): HostStyle | undefined {
  if (host === 'github.com' || host.startsWith('github.')) return 'github';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  return undefined;
}

/** A link to the cited lines at the pinned commit (`.../blob/<sha>/<path>#L10-L20`). */
export function lineLink(base: WebBase, citation: Citation): string {
  const path = citation.path.split('/').map(encodeURIComponent).join('/');
  const blob = base.style === 'gitlab' ? '-/blob' : 'blob';
  const single = citation.startLine === citation.endLine;
  const anchor = base.style === 'gitlab' ? `#L${citation.startLine}${single ? '' : `-${citation.endLine}`}` : `#L${citation.startLine}${single ? '' : `-L${citation.endLine}`}`;
  return `${base.url}/${blob}/${citation.commit}/${path}${anchor}`;
}

/**
 * A citation in markdown: a link when the repo is hosted, else `` `repo path:lines` ``. A link's
 * label names the repo too when `named` (a document citing several golden repos).
 */
export function citeMarkdown(citation: Citation, base: WebBase | undefined, named = false): string {
  const label = placeOf(citation);
  return base ? `[${named ? `${citation.repo} ` : ''}${label}](${lineLink(base, citation)})` : `\`${citation.repo} ${label}\``;
}
