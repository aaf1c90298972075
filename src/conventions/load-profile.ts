import { ArchangelError } from '../errors/archangel-error.js';
import { openIndexDb } from '../index/store/open.js';
import { readProfile } from './learn.js';
import type { Profile } from './types.js';

/** The learned profile from the index file, or a clear error saying how to learn it. */
export function loadProfile(indexPath: string): Profile {
  const db = openIndexDb(indexPath, { readonly: true });
  try {
    const profile = readProfile(db);
    if (!profile) {
      throw new ArchangelError('INDEX_MISSING', 'The golden index has no learned conventions yet.', {
        hint: 'Run `archangel index`: it learns them while indexing.',
      });
    }
    return profile;
  } finally {
    db.close();
  }
}
