import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArchangelConfig } from './schema.js';

/*
 * A cache of validated configs, so a command whose archangel.json has not changed skips importing
 * zod (~40 ms of start-up). An entry is trusted only when its key matches: a hash of the exact
 * config text, the ArchAngel version, the schema module's source and the zod version. Any other
 * text, version or schema is a miss and goes through zod, which gives the friendly errors.
 * Only a config that passed validation is ever written. One file per config path, beside the
 * golden repository cache, so nothing is added to the project itself.
 */

interface Entry {
  key: string;
  /** The validated config as JSON text, defaults filled in. */
  config: string;
  /** sha256 of key + config: a torn or hand-edited entry is a miss, not a config. */
  check: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface ValidatorParts {
  archangelVersion: string;
  zodVersion: string;
  schemaSource: string;
}

/** What validation depends on besides the text: a new version, schema or zod is a new fingerprint. */
export function fingerprintOf(parts: ValidatorParts): string {
  return sha256(`archangel ${parts.archangelVersion}\0zod ${parts.zodVersion}\0${parts.schemaSource}`);
}

/** The parts of the validator this copy of ArchAngel runs with. */
export function currentValidatorParts(): ValidatorParts {
  const here = fileURLToPath(import.meta.url);
  const require = createRequire(import.meta.url);
  return {
    archangelVersion: (require('../../package.json') as { version: string }).version,
    zodVersion: (require('zod/package.json') as { version: string }).version,
    // schema.ts under tsx and vitest, schema.js once built.
    schemaSource: readFileSync(join(dirname(here), `schema${extname(here)}`), 'utf8'),
  };
}

let fingerprintMemo: string | undefined;

function validatorFingerprint(): string {
  fingerprintMemo ??= fingerprintOf(currentValidatorParts());
  return fingerprintMemo;
}

/** The cache file for the config at `configFile`. */
export function cacheFileFor(cacheDir: string, configFile: string): string {
  return join(cacheDir, 'config', `${sha256(configFile).slice(0, 24)}.json`);
}

export function cacheKey(text: string, fingerprint: string = validatorFingerprint()): string {
  return sha256(`${fingerprint}\0${text}`);
}

/**
 * The validated config cached for exactly this text and validator, or undefined. Never throws.
 * Only the current user's entries count: in a shared cache folder another user could otherwise
 * plant a config (say, a model `baseUrl` of their own) for a config text they know.
 */
export function readValidatedConfig(cacheFile: string, text: string): ArchangelConfig | undefined {
  try {
    const entry = JSON.parse(readOwnFile(cacheFile)) as Partial<Entry>;
    if (entry.key !== cacheKey(text) || typeof entry.config !== 'string') return undefined;
    if (entry.check !== sha256(entry.key + entry.config)) return undefined;
    return JSON.parse(entry.config) as ArchangelConfig;
  } catch {
    return undefined;
  }
}

/** Remembers a config zod has just accepted. Best effort: a cache that cannot be written is no error. */
export function writeValidatedConfig(cacheFile: string, text: string, config: ArchangelConfig): void {
  const key = cacheKey(text);
  const json = JSON.stringify(config);
  const entry: Entry = { key, config: json, check: sha256(key + json) };
  const partial = join(dirname(cacheFile), `.${basename(cacheFile)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(partial, JSON.stringify(entry), { mode: 0o600 });
    renameSync(partial, cacheFile);
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // The folder could not be made: there is no partial file to remove.
    }
  }
}

function readOwnFile(file: string): string {
  const fd = openSync(file, 'r');
  try {
    if (process.getuid && fstatSync(fd).uid !== process.getuid()) throw new Error(`${file} belongs to another user`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
