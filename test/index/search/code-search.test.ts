import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/validate.js';
import { createEmbeddingProvider } from '../../../src/index/embed/create.js';
import { openGoldenIndex, type GoldenIndex } from '../../../src/index/golden-index.js';
import { runIndex } from '../../../src/index/indexer/run-index.js';
import { COMPARABLE_SIMILARITY } from '../../../src/index/search/search.js';
import { fromNodeModules } from '../../helpers/corpus.js';
import { createRepo, removeTempDirs, tempDir } from '../../helpers/git.js';

afterAll(removeTempDirs);

/** A golden repo of `files`, indexed as `archangel index` would, and opened for searching. */
async function indexedGolden(files: Record<string, string>): Promise<GoldenIndex> {
  const repo = createRepo();
  repo.commit('golden', files);
  const work = tempDir();
  const config = parseConfigText(JSON.stringify({ golden: [{ path: repo.dir, name: 'golden' }] }), 'test');
  const indexPath = join(work, 'index.db');
  await runIndex({ config, root: work, indexPath, cacheDir: join(work, 'cache'), embedder: createEmbeddingProvider(config.embeddings, {}) });
  return openGoldenIndex(indexPath, config);
}

const GOLDEN = {
  'py/bubble_sort.py': `def bubble_sort(items):
    """Sort a list in place by swapping neighbours until nothing moves."""
    swapped = True
    while swapped:
        swapped = False
        for i in range(len(items) - 1):
            if items[i] > items[i + 1]:
                items[i], items[i + 1] = items[i + 1], items[i]
                swapped = True
    return items
`,
  'py/fibonacci.py': `def fibonacci(n):
    """The n-th Fibonacci number, iteratively."""
    previous, current = 0, 1
    for _ in range(n):
        previous, current = current, previous + current
    return previous
`,
  'py/retry.py': `import time
import urllib.request

def fetch_with_retry(url, attempts=3, backoff=0.5):
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read()
        except OSError:
            if attempt == attempts - 1:
                raise
            time.sleep(backoff * 2 ** attempt)
`,
  'java/BubbleSort.java': `public class BubbleSort {
    public static void bubbleSort(int[] items) {
        boolean swapped = true;
        while (swapped) {
            swapped = false;
            for (int i = 0; i < items.length - 1; i++) {
                if (items[i] > items[i + 1]) {
                    int tmp = items[i]; items[i] = items[i + 1]; items[i + 1] = tmp;
                    swapped = true;
                }
            }
        }
    }
}
`,
  'js/debounce.js': `export function debounce(fn, waitMs) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}
`,
  // A minified copy of the sort: skipped by the indexer, so never offered as an example.
  'js/sort.min.js': `function bubbleSort(a){for(var s=!0;s;){s=!1;for(var i=0;i<a.length-1;i++)if(a[i]>a[i+1]){var t=a[i];a[i]=a[i+1];a[i+1]=t;s=!0}}return a}${';'.repeat(3000)}`,
};

/** A learner's bubble sort: the same task, other names. */
const LEARNER_SORT = `def sort_numbers(values):
    changed = True
    while changed:
        changed = False
        for k in range(len(values) - 1):
            if values[k] > values[k + 1]:
                values[k], values[k + 1] = values[k + 1], values[k]
                changed = True
    return values
`;

describe('code-to-code search', () => {
  let index: GoldenIndex;

  beforeAll(async () => {
    index = await indexedGolden(GOLDEN);
  }, 60_000);
  afterAll(() => index?.close());

  it('puts the golden code solving the same task first, as comparable, and only in the query language', async () => {
    const results = await index.search({ kind: 'code', code: LEARNER_SORT, language: 'python' }, { limit: 5 });
    expect(results[0]?.path).toBe('py/bubble_sort.py');
    expect(results[0]!.similarity).toBeGreaterThanOrEqual(COMPARABLE_SIMILARITY);
    expect(results.every((r) => r.language === 'python')).toBe(true);
    expect(results.slice(1).every((r) => r.similarity! < results[0]!.similarity!)).toBe(true);
  });

  it('compares JavaScript with TypeScript and TSX, and any language when the query has none', async () => {
    const typescript = 'export function debounce<T extends unknown[]>(fn: (...args: T) => void, waitMs: number) {\n  let timer: NodeJS.Timeout;\n  return (...args: T) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), waitMs); };\n}\n';
    expect((await index.search({ kind: 'code', code: typescript, language: 'typescript' }, { limit: 3 }))[0]?.path).toBe('js/debounce.js');
    const anywhere = await index.search({ kind: 'code', code: LEARNER_SORT }, { limit: 5 });
    expect(new Set(anywhere.map((r) => r.language))).toContain('java');
  });

  it('marks unrelated code as not comparable', async () => {
    const parser = 'import csv\n\ndef read_rows(path):\n    with open(path, newline="") as handle:\n        return list(csv.DictReader(handle))\n';
    const results = await index.search({ kind: 'code', code: parser, language: 'python' }, { limit: 5 });
    expect(results.every((r) => r.similarity! < COMPARABLE_SIMILARITY)).toBe(true);
  });

  it('returns nothing, rather than other languages, when the golden code has none in the query language', async () => {
    const go = 'package main\n\nfunc bubbleSort(items []int) {\n\tfor i := range items {\n\t\t_ = i\n\t}\n}\n';
    expect(await index.search({ kind: 'code', code: go, language: 'go' }, { limit: 5 })).toEqual([]);
  });

  it('answers a one-line query, a 5,000-line file and code of unknown words without failing', async () => {
    expect((await index.search({ kind: 'code', code: 'time.sleep(backoff * 2 ** attempt)', language: 'python' }, { limit: 3 }))[0]?.path).toBe('py/retry.py');
    const huge = fromNodeModules('typescript/lib/lib.dom.d.ts').toString('utf8').split('\n').slice(0, 5_000).join('\n') + LEARNER_SORT;
    const results = await index.search({ kind: 'code', code: huge, language: 'python' }, { limit: 3 });
    expect(results.length).toBeGreaterThan(0);
    expect(await index.search({ kind: 'code', code: 'zzqx wvvk', language: 'python' }, { limit: 3 })).toEqual([]);
  });

  it('never offers a minified golden file', async () => {
    const results = await index.search({ kind: 'code', code: GOLDEN['js/sort.min.js'].slice(0, 200), language: 'javascript' }, { limit: 5 });
    expect(results.map((r) => r.path)).not.toContain('js/sort.min.js');
  });
});

describe('code-to-code search weighs words by their rarity in the query language', () => {
  let index: GoldenIndex;

  beforeAll(async () => {
    // Python code that talks about Huffman coding everywhere, and JavaScript where only one file
    // does while every file declares consts and logs: in JavaScript, `huffman` is the telling word.
    const golden: Record<string, string> = {};
    for (let i = 0; i < 12; i++) golden[`py/huffman_${i}.py`] = `def huffman_step_${i}(weights):\n    """Huffman coding, step ${i}."""\n    return sorted(weights)[:${i + 2}]\n`;
    for (const name of ['report', 'invoice', 'ledger', 'payroll', 'audit']) {
      golden[`js/${name}.js`] = `export function ${name}Summary(rows) {\n  const total = rows.length;\n  const first = rows[0];\n  console.log('${name}', total, first);\n  return { total, first };\n}\n`;
    }
    golden['js/huffman.js'] = 'export function huffmanCodes(weights) {\n  const queue = [...weights].sort((a, b) => a - b);\n  return queue.map((weight, i) => ({ weight, code: i.toString(2) }));\n}\n';
    index = await indexedGolden(golden);
  }, 60_000);
  afterAll(() => index?.close());

  it('ranks the one JavaScript file on the query’s subject above the ones sharing only its boilerplate', async () => {
    const query = "export function buildHuffman(input) {\n  const counted = tally(input);\n  const sorted = order(counted);\n  console.log('huffman', sorted);\n  return { counted, sorted };\n}\n";
    const results = await index.search({ kind: 'code', code: query, language: 'javascript' }, { limit: 3 });
    expect(results[0]?.path).toBe('js/huffman.js');
  });
});

describe('code-to-code search reads a golden function with the file around it', () => {
  let index: GoldenIndex;

  beforeAll(async () => {
    index = await indexedGolden({
      'py/geometry.py': `import math


def area_of_circle(radius):
    """The area of a circle."""
    if radius < 0:
        raise ValueError("radius")
    return math.pi * radius * radius


def perimeter_of_square(side):
    """The perimeter of a square."""
    if side < 0:
        raise ValueError("side")
    return 4 * side


def area_of_triangle(base, height):
    """The area of a triangle."""
    if base < 0 or height < 0:
        raise ValueError("base or height")
    return base * height / 2
`,
      'py/reports.py': `import math
import logging


def circle_area(radius):
    """Area of a circle of this radius."""
    if radius < 0:
        raise ValueError("negative radius")
    return math.pi * radius ** 2


def configure_logging(level):
    """Log to stderr at this level."""
    handler = logging.StreamHandler()
    logging.basicConfig(level=level, handlers=[handler])
    return logging.getLogger("reports")
`,
    });
  }, 60_000);
  afterAll(() => index?.close());

  it('ranks the file that does what the whole query does above one with a closer single function', async () => {
    // Its circle is the one in reports.py, word for word; the rest is what geometry.py does.
    const query = `import math


def circle_area(radius):
    """Area of a circle of this radius."""
    if radius < 0:
        raise ValueError("negative radius")
    return math.pi * radius ** 2


def square_perimeter(side):
    return 4 * side


def triangle_area(base, height):
    return base * height / 2
`;
    const results = await index.search({ kind: 'code', code: query, language: 'python' }, { limit: 3 });
    expect(results[0]?.path).toBe('py/geometry.py');
  });
});
