/** The shapes `golden/` hands to the rest of ArchAngel. */

interface GoldenSourceCommon {
  /** Stable identity used by the index and the cache, e.g. `github.com/acme/api` or `local:/abs/path`. */
  id: string;
  /** Short name shown in citations: the configured name, else `acme/api`, else the folder name. */
  name: string;
  /** The entry as written in archangel.json, for messages that the user can match to the file. */
  spec: string;
  /** Branch, tag or commit to index; absent means the remote's default branch or the local HEAD. */
  ref?: string;
  /** Glob patterns the indexer keeps, relative to the repository root. */
  include?: string[];
  /** Glob patterns the indexer drops, relative to the repository root. */
  exclude?: string[];
}

/** A golden repository read in place from the local disk. */
export interface LocalGoldenSource extends GoldenSourceCommon {
  kind: 'local';
  /** Absolute path of the repository's top-level folder. */
  path: string;
}

/** A golden repository cloned and fetched into the cache. */
export interface RemoteGoldenSource extends GoldenSourceCommon {
  kind: 'remote';
  /** The git URL fetched from (https, ssh, git, file or scp-like `user@host:path`). */
  url: string;
}

/** One golden repository after normalising its archangel.json entry. */
export type GoldenSource = LocalGoldenSource | RemoteGoldenSource;

/** A golden source pinned to one commit, ready to be read with `listTree` and `readBlobs`. */
export interface SyncedRepo {
  source: GoldenSource;
  /** The git directory (a bare cache repository or a local `.git`); every plumbing helper takes it. */
  gitDir: string;
  /** The full sha of the pinned commit. */
  commit: string;
  /** The ref that was resolved: the configured one, the local branch name, or `HEAD`. */
  ref: string;
}

/** Progress of a sync, as git reports it (`Receiving objects`, 45) or as a stage of our own. */
export interface SyncProgress {
  source: GoldenSource;
  stage: string;
  /** 0-100 when git reports a percentage. */
  percent?: number;
}

/** Options for `syncSource`. */
export interface SyncOptions {
  /** Root of ArchAngel's cache (see `cacheDir()` in config/env); clones live under `<cacheDir>/repos/`. */
  cacheDir: string;
  /** A GitHub token; sent only to https://github.com URLs, and only through the environment of git. */
  token?: string;
  /** Cancels the sync and kills git. */
  signal?: AbortSignal;
  /** Limit for each network operation (clone, fetch); default `DEFAULT_NETWORK_TIMEOUT_MS`. */
  timeoutMs?: number;
  onProgress?: (progress: SyncProgress) => void;
  /** Told once, in a sentence, when a server has been silent a while: what is being waited for and what to do. */
  onWaiting?: (message: string) => void;
}

/** One entry of a commit's tree, as `git ls-tree -r --long` lists it. */
export interface TreeEntry {
  /** Path from the repository root, `/`-separated, never quoted. */
  path: string;
  /** Octal file mode as git writes it: `100644`, `100755`, `120000`, `160000`. */
  mode: string;
  /** `blob` for files, `link` for symlinks (the blob holds the target), `commit` for submodules. */
  type: 'blob' | 'link' | 'commit';
  sha: string;
  /** Size in bytes of the blob; 0 for submodules. */
  size: number;
}
