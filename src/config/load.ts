import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ArchangelError } from '../errors/archangel-error.js';
import { cacheDir } from './env.js';
import type { ArchangelConfig } from './schema.js';
import { cacheFileFor, readValidatedConfig, writeValidatedConfig } from './validated-cache.js';

export const CONFIG_FILE = 'archangel.json';

export interface LoadedConfig {
  /** The validated config, defaults filled in. */
  config: ArchangelConfig;
  /** Absolute path of the archangel.json that was read. */
  file: string;
  /** The folder holding it: relative paths in the config are resolved against it. */
  root: string;
}

/** Walks up from `start` to the first folder holding archangel.json. */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Finds, parses and validates archangel.json, or throws one ArchangelError that says how to fix it.
 * A config already validated with this exact text and schema comes from the cache, without zod.
 */
export async function loadConfig(start: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const file = findConfigFile(start);
  if (!file) {
    throw new ArchangelError('CONFIG_NOT_FOUND', `No ${CONFIG_FILE} found in ${resolve(start)} or any folder above it.`, {
      hint: 'Run `archangel init` in your repository to write a starter config.',
    });
  }
  const text = readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(cacheDir(env), file);
  let config = readValidatedConfig(cacheFile, text);
  if (!config) {
    const { parseConfigText } = await import('./validate.js');
    config = parseConfigText(text, file);
    writeValidatedConfig(cacheFile, text, config);
  }
  return { config, file, root: dirname(file) };
}
