import type { Language } from '../index/language.js';
import type { BlobObserver } from '../index/indexer/build-blobs.js';
import type { IndexDb } from '../index/store/open.js';
import { readMeta, writeMeta } from '../index/store/meta.js';
import { visibleObservations } from '../index/store/read.js';
import { observeFile, OBSERVATIONS_VERSION } from './observe.js';
import { buildProfile, PROFILE_VERSION } from './profile.js';
import type { FileObservations, Profile } from './types.js';

const PROFILE_KEY = 'conventions_profile';

/**
 * Plugs conventions into `archangel index`: each blob is observed from the tree the indexer
 * already parsed, and the profile is rebuilt from all visible files once repos are published.
 */
export const conventionsObserver: BlobObserver = {
  version: `conventions-${OBSERVATIONS_VERSION}.${PROFILE_VERSION}`,
  async observe(text, language, tree) {
    return JSON.stringify(await observeFile(text, language, tree));
  },
  summarize(db) {
    writeMeta(db, PROFILE_KEY, JSON.stringify(learnProfile(db)));
  },
  workerEntry: { module: import.meta.url, name: 'conventionsObserver' },
};

/** Builds the profile from every file the index shows. */
export function learnProfile(db: IndexDb): Profile {
  return buildProfile(
    (function* () {
      for (const row of visibleObservations(db)) {
        yield { repo: row.repo, commit: row.commit, path: row.path, language: row.language as Language, observations: JSON.parse(row.observations) as FileObservations };
      }
    })(),
  );
}

/** The profile learned by the last `archangel index`, or undefined before the first one. */
export function readProfile(db: IndexDb): Profile | undefined {
  const raw = readMeta(db, PROFILE_KEY);
  if (!raw) return undefined;
  const profile = JSON.parse(raw) as Profile;
  return profile.version === PROFILE_VERSION ? profile : undefined;
}
