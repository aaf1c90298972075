import { describe, expect, it } from 'vitest';
import { found } from './syntax-hits.js';

describe('one setting read from the environment under two spellings', () => {
  it('is two names one letter apart inside a word, reported at the first read', async () => {
    const ts = ['if (!process.env.TELGRAM_API_TOKEN) throw new Error("no token");', 'const token = process.env.TELEGRAM_API_TOKEN as string;', 'const db = process.env["DATABASE_URL"];', 'const again = process.env.DATABASE_URL;'].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('env-name'))).toEqual(['1 js/env-name-slip']);
    const python = ['import os', 'KEY = os.environ.get("OPENWEATHER_KEY")', 'key = os.getenv("OPENWEATHR_KEY")'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('env-name'))).toEqual(['2 python/env-name-slip']);
  });

  it('leaves alone names that differ by a changed letter, a digit or a letter at a word edge', async () => {
    const python = ['import os', 'a = os.environ["NPY_BLAS_LIBS"]', 'b = os.environ["NPY_CBLAS_LIBS"]', 'c = os.getenv("ALLOWED_HOST")', 'd = os.getenv("ALLOWED_HOSTS")', 'e = os.getenv("SERVICE_API_KEY")', 'f = os.getenv("SERVICE_APP_KEY")', 'g = os.getenv("REPLICA_HOST1")', 'h = os.getenv("REPLICA_HOST12")'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('env-name'))).toEqual([]);
  });
});
