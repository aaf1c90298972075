/**
 * Size budget of a chunk. Retrieval works best with function-sized units: big enough to carry a
 * whole idea, small enough that an embedding is not a blur of unrelated code and that a few
 * results fit in a prompt. 150 lines of ~40 characters is ~6 KB, ~1,500 tokens.
 */

/** A declaration longer than this is split (a class into its members, a function into windows). */
export const MAX_CHUNK_LINES = 150;

/** A declaration bigger than this is split too, whatever its line count (long lines, data tables). */
export const MAX_CHUNK_CHARS = 6_000;

/** Small siblings (imports, constants, one-line functions) are merged until a group reaches this. */
export const MERGE_TARGET_LINES = 60;

/** A declaration at least this long gets a chunk of its own instead of being merged with neighbours. */
export const STANDALONE_MIN_LINES = 5;

/** Window size when there is no syntax tree to follow (unparsed languages, text, broken files). */
export const WINDOW_LINES = 60;

/** A tree is useless when ERROR nodes cover more than this share of the top-level lines. */
export const MAX_ERROR_SHARE = 0.5;
