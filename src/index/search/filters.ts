import type { ChunkLocation } from '../store/read.js';

/** What a search may be narrowed to. */
export interface SearchFilters {
  /** Only results from this repo (its display name). */
  repo?: string | undefined;
  /** Only results in these languages. */
  languages?: readonly string[] | undefined;
  /** Leave out this place (the file a code query came from, when it is itself golden). */
  excludePath?: string | undefined;
}

export function isFiltered(filters: SearchFilters): boolean {
  return filters.repo !== undefined || filters.languages !== undefined || filters.excludePath !== undefined;
}

export function passes(place: ChunkLocation, filters: SearchFilters): boolean {
  if (filters.repo !== undefined && place.repo !== filters.repo) return false;
  if (filters.languages !== undefined && !filters.languages.includes(place.language ?? '')) return false;
  if (filters.excludePath !== undefined && place.path === filters.excludePath) return false;
  return true;
}
