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
  {
    path: 'src/customers.ts',
    language: 'typescript',
    text: `import { exec } from 'node:child_process';

export interface CustomerStore {
  save(customer: Customer): Promise<void>;
}

export async function importCustomer(db: Database, store: CustomerStore, email: string, customers: Customer[]) {
  const row = db.prepare("SELECT id FROM customers WHERE email = '" + email + "'").get();
  exec(\`backup-customers \${email}\`);
  const response = await fetch(\`https://crm.example.com/customers/\${row.id}\`);
  const customer = customers.find((c) => c.email === email) as Customer;
  const name = customer.name;
  store.save(customer);
  return name + (await response.text());
}
`,
    expected: ['tree-sitter/js/sql-built-from-strings', 'tree-sitter/js/shell-command-from-strings', 'tree-sitter/js/fetch-without-timeout', 'tree-sitter/js/floating-async-call', 'tree-sitter/js/unchecked-find'],
  },
  {
    path: 'src/main/java/Reports.java',
    language: 'java',
    text: `class Reports {
  String export(Statement statement, HttpClient client, String customer) throws Exception {
    ResultSet rows = statement.executeQuery("SELECT id FROM orders WHERE customer = '" + customer + "'");
    new ProcessBuilder("sh", "-c", "zip report.zip " + customer).start();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://reports.example.com/" + customer)).GET().build();
    return client.send(request, BodyHandlers.ofString()).body();
  }
}
`,
    expected: ['tree-sitter/java/sql-built-from-strings', 'tree-sitter/java/shell-command-from-strings', 'tree-sitter/java/http-request-without-timeout'],
  },
  {
    path: 'reports.go',
    language: 'go',
    text: `package reports

func Export(db *sql.DB, customer string) error {
	rows, err := db.Query(fmt.Sprintf("SELECT id FROM orders WHERE customer = '%s'", customer))
	if err != nil {
		return err
	}
	defer rows.Close()
	return exec.Command("sh", "-c", "zip report.zip "+customer).Run()
}
`,
    expected: ['tree-sitter/go/sql-built-from-strings', 'tree-sitter/go/shell-command-from-strings'],
  },
];
