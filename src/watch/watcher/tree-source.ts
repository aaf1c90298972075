/** Something that happened to a path of the working tree (repo-relative, `/`-separated; '' is the root). */
export interface TreeEvent {
  path: string;
  type: 'create' | 'update' | 'delete';
}

/** How a `TreeSource` reports. */
export interface TreeSourceHandlers {
  onEvents: (events: TreeEvent[]) => void;
  /** The source failed after it started (it may have stopped reporting). */
  onError: (error: unknown) => void;
}

/**
 * Where file system events of the working tree come from: `@parcel/watcher`'s native events
 * (native-source.ts), or chokidar polling where those cannot be had or trusted (poll-source.ts).
 */
export interface TreeSource {
  readonly kind: 'native' | 'poll';
  /**
   * Watches the tree with these repo-relative folders (and all below them) left out. Called again,
   * it takes a new list; a native source also reads the tree afresh, picking up nested folders
   * that appeared at once (`mkdir -p`, a folder moved in), which its own events do not follow.
   */
  watch(pruned: ReadonlySet<string>): Promise<void>;
  close(): Promise<void>;
}
