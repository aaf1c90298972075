import { readFile } from 'node:fs/promises';

export interface AppConfig {
  port: number;
  databaseUrl: string;
}

export class ConfigError extends Error {}

/** Reads the JSON config at `path`; a missing or malformed file is a ConfigError naming the file. */
export async function readConfig(path: string): Promise<AppConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Could not read ${path}`, { cause: error });
  }
  try {
    const parsed = JSON.parse(text) as Partial<AppConfig>;
    return { port: parsed.port ?? 3000, databaseUrl: parsed.databaseUrl ?? 'postgres://localhost/app' };
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON`, { cause: error });
  }
}
