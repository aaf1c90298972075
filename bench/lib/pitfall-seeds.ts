import type { Language } from '../../src/index/language.js';

/** A small file with the pitfalls the issue names seeded in it, and the rules that should find them. */
export interface PitfallSeed {
  path: string;
  language: Language;
  text: string;
  expected: string[];
}

export const PITFALL_SEEDS: readonly PitfallSeed[] = [
  {
    path: 'app/orders.py',
    language: 'python',
    text: `import requests
import subprocess


def tag(order, tags=[]):
    tags.append(order)
    return tags


def export(name, db):
    subprocess.run(f"tar czf {name}.tgz data", shell=True)
    rows = db.execute("SELECT * FROM orders WHERE name = '" + name + "'")
    requests.post("https://hooks.example.com", json=rows)
    out = open(name + ".csv", "w")
    try:
        out.write(str(rows))
    except:
        pass
`,
    expected: ['ruff/B006', 'ruff/S602', 'ruff/S608', 'ruff/S113', 'ruff/SIM115', 'ruff/E722', 'ruff/S110'],
  },
  {
    path: 'src/orders.ts',
    language: 'typescript',
    text: `async function notify(id: number): Promise<void> {}

export function total(orders: { id: number; total: number }[], id: number, raw: string) {
  const order = orders.find((o) => o.id === id);
  notify(id);
  let parsed = 0;
  try {
    parsed = JSON.parse(raw);
  } catch {}
  if (parsed === NaN) return 0;
  return order.total + parsed;
}
`,
    expected: ['tree-sitter/js/floating-async-call', 'oxlint/no-empty', 'oxlint/use-isnan', 'tree-sitter/js/unchecked-find'],
  },
  {
    path: 'src/main/java/Orders.java',
    language: 'java',
    text: `class Orders {
  boolean isOpen(String status) throws Exception {
    FileReader reader = new FileReader("orders.csv");
    try {
      reader.read();
    } catch (Exception e) {
    }
    return status == "open";
  }
}
`,
    expected: ['tree-sitter/java/resource-outside-try', 'tree-sitter/java/swallowed-catch-all', 'tree-sitter/java/string-reference-equality'],
  },
  {
    path: 'orders.go',
    language: 'go',
    text: `package orders

func Load(url string) error {
	f, err := os.Open("orders.csv")
	if err != nil {
	}
	n, _ := strconv.Atoi("3")
	resp, err := http.Get(url)
	process(f, n, resp)
	return nil
}
`,
    expected: ['tree-sitter/go/missing-defer-close', 'tree-sitter/go/empty-error-check', 'tree-sitter/go/ignored-error', 'tree-sitter/go/http-without-timeout', 'tree-sitter/go/missing-defer-close'],
  },
];
