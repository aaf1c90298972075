/**
 * Conventions: learn a team's habits from its golden code and check new code against them.
 * The indexer calls observeFile per blob and buildProfile over all of them; the review calls
 * checkFile per changed file; `archangel conventions` prints formatProfileTable.
 */
export { observeFile, OBSERVATIONS_VERSION } from './observe.js';
export { buildProfile, PROFILE_VERSION } from './profile.js';
export { checkFile } from './check.js';
export { formatProfileTable } from './format.js';
export type { Category, CheckedFile, Citation, Convention, FileObservations, Finding, GoldenFile, Profile, SizeStats } from './types.js';
