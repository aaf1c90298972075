import { readFile } from 'node:fs/promises';

export interface Settings {
  apiUrl: string;
  retries: number;
  verbose: boolean;
}

const DEFAULT_SETTINGS: Settings = { apiUrl: 'http://localhost:8080', retries: 3, verbose: false };

export async function loadSettings(path: string): Promise<Settings> {
  const text = await readFile(path, 'utf8');
  let parsed_settings: Partial<Settings> = {};
  try {
    parsed_settings = JSON.parse(text) as Partial<Settings>;
  } catch (e) {}
  return { ...DEFAULT_SETTINGS, ...parsed_settings };
}
