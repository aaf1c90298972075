import { isAbsolute, join } from 'node:path';
import { loadConfig, type LoadedConfig } from './load.js';

/** A loaded config plus the paths every command derives from it. */
export interface Project extends LoadedConfig {
  /** Absolute path of the golden index database. */
  indexPath: string;
  /** The `.archangel/` folder beside archangel.json (state, audit log, prompts overrides). */
  stateDir: string;
}

export async function openProject(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<Project> {
  const loaded = await loadConfig(cwd, env);
  const configured = env.ARCHANGEL_INDEX_PATH || loaded.config.index.path;
  return {
    ...loaded,
    indexPath: isAbsolute(configured) ? configured : join(loaded.root, configured),
    stateDir: join(loaded.root, '.archangel'),
  };
}
