import { describe, expect, it } from 'vitest';
import { found, syntaxEngine as engine } from './syntax-hits.js';

describe('Java pitfalls from the parse', () => {
  it('finds == on Strings, empty catches, a catch-all swallowed and a stream left open', async () => {
    const code = `class Orders {
  private String status;
  boolean same(String a, String b) throws Exception {
    FileInputStream in = new FileInputStream(a);
    try { in.read(); } catch (Exception e) {}
    try { in.read(); } catch (IOException e) {}
    BufferedReader lines = new BufferedReader(new InputStreamReader(new FileInputStream(b)));
    return a == b || status != "open";
  }
}
`;
    expect(await found('java', code)).toEqual([
      '8 java/string-reference-equality',
      '8 java/string-reference-equality',
      '6 java/empty-catch',
      '5 java/swallowed-catch-all',
      '4 java/resource-outside-try',
      '7 java/resource-outside-try',
    ]);
  });

  it("finds a String parameter compared with == against an object's field or getter, typed in its own method", async () => {
    const code = [
      'class Library {',
      '  void borrow(String booktitle) {',
      '    if (booktitle == book[x].title) lend(x);',
      '    if (u.getPassword() == booktitle) lend(x);',
      '  }',
      '  boolean same(Item that, String s) { return s == that.KEY || type != that.type; }',
      '  void walk(Node s) { if (pred.next == s) return; }',
      '}',
    ].join('\n');
    expect((await found('java', code)).filter((hit) => hit.includes('string-reference'))).toEqual(['3 java/string-reference-equality', '4 java/string-reference-equality']);
  });

  it('leaves sound Java alone: null checks, ints, a commented catch, try-with-resources, a closing finally', async () => {
    const code = `class Orders {
  boolean same(String a, int n, int m) throws Exception {
    if (a == null || n == m) return false;
    try (FileInputStream in = new FileInputStream(a)) { in.read(); }
    try { Thread.sleep(1); } catch (InterruptedException e) { /* shutting down: nothing to do */ }
    FileReader reader = new FileReader(a);
    try { reader.read(); } finally { reader.close(); }
    Scanner stdin = new Scanner(System.in);
    DataOutputStream bytes = new DataOutputStream(new ByteArrayOutputStream());
    try { Integer.parseInt(a); } catch (NumberFormatException ignored) {}
    return a.equals("x");
  }
  InputStream open(String path) throws IOException {
    InputStream in = new FileInputStream(path);
    return in;
  }
}
`;
    expect(await found('java', code)).toEqual([]);
  });

  it('finds an HttpRequest built without a timeout, and leaves one with a timeout alone', async () => {
    const code = `class OrderClient {
  private final HttpClient client = HttpClient.newHttpClient();
  String order(String id) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + id))
        .header("Accept", "application/json")
        .GET()
        .build();
    HttpRequest bounded = HttpRequest.newBuilder(URI.create(BASE + id)).timeout(TIMEOUT).GET().build();
    return client.send(request, BodyHandlers.ofString()).body();
  }
}
`;
    expect(await found('java', code)).toEqual(['4 java/http-request-without-timeout']);
  });
});

describe('Go pitfalls from the parse', () => {
  it('finds dropped errors, an empty error check, a file never closed and the default HTTP client', async () => {
    const code = `package main

func load() error {
	_ = save()
	n, _ := strconv.Atoi("1")
	if err != nil {
	}
	f, err := os.Open("orders.csv")
	client := &http.Client{}
	process(f)
	return use(n, client)
}
`;
    expect(await found('go', code)).toEqual([
      '4 go/ignored-error',
      '5 go/ignored-error',
      '6 go/empty-error-check',
      '8 go/missing-defer-close',
      '9 go/http-without-timeout',
    ]);
  });

  it('leaves sound Go alone: checked errors, printing, map lookups, defer Close, a client with a timeout', async () => {
    const code = `package main

func load(m map[string]int) (*os.File, error) {
	fmt.Println("loading")
	v, _ := m["k"]
	f, err := os.Open("orders.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g, err := os.Open("other.csv")
	if err != nil {
		return nil, err
	}
	client := &http.Client{Timeout: 5 * time.Second}
	shared, err = os.Open("kept-open-by-the-caller.csv")
	_ = v
	_ = client
	return g, nil
}
`;
    expect(await found('go', code)).toEqual([]);
  });

  it('gives a finding the change that removes it, for the last rung of the ladder', async () => {
    const [pitfall] = await engine.check({ path: 'main.go', language: 'go', text: 'package main\n\nfunc load() {\n\t_ = save()\n}\n' });
    expect(pitfall?.fix).toContain('if err != nil');
  });

  it('flags http.Get both for its client and for its body', async () => {
    const code = `package main

func fetch(url string) error {
	resp, err := http.Get(url)
	return err
}
`;
    expect(await found('go', code)).toEqual(['4 go/missing-defer-close', '4 go/http-without-timeout']);
  });
});

describe('JS/TS pitfalls the linter cannot see without types', () => {
  it('finds a .find() result used unchecked and an async call left floating', async () => {
    const code = `async function save(order: Order): Promise<void> {}
export class Orders {
  async flush() {}
  total(orders: Order[], id: number) {
    const order = orders.find((o) => o.id === id);
    const name = orders.find((o) => o.id === id).name;
    save(name);
    this.flush();
    return order.total;
  }
}
`;
    expect(await found('typescript', code)).toEqual([
      '6 js/unchecked-find',
      '9 js/unchecked-find',
      '7 js/floating-async-call',
      '8 js/floating-async-call',
    ]);
  });

  it('leaves checked finds, optional chains, query-style find({...}) and awaited calls alone', async () => {
    const code = `async function save(order) {}
export async function total(orders, db, id) {
  const order = orders.find((o) => o.id === id);
  if (!order) return 0;
  const other = orders.find((o) => o.id === id)?.total;
  const rows = db.find({ id }).limit(1);
  await save(order);
  void save(order);
  save(order).catch(report);
  return order.total + other;
}
`;
    expect(await found('javascript', code)).toEqual([]);
  });

  it('finds an unawaited call to a method the file declares as returning a promise, by the type of its receiver', async () => {
    const code = `export interface OrderStore {
  save(order: Order): Promise<void>;
  remove: (id: string) => Promise<void>;
  count(): number;
}
type Mailer = { send(to: string): PromiseLike<void> };
class Queue {
  async push(job: Job) {}
  flush(): Promise<void> { return this.drain(); }
  add(job: Job) {
    this.push(job);
  }
}
export async function sync(store: OrderStore, mailer: Mailer, orders: Order[]) {
  const queue = new Queue();
  for (const order of orders) {
    store.save(order);
    store.remove(order.id);
    mailer.send(order.email);
    queue.flush();
  }
}
`;
    expect(await found('typescript', code)).toEqual(['11 js/floating-async-call', '17 js/floating-async-call', '18 js/floating-async-call', '19 js/floating-async-call', '20 js/floating-async-call']);
  });

  it('leaves awaited, returned, voided and caught calls alone, and receivers the file says nothing about', async () => {
    const code = `import { sendMail } from './mailer';
export interface OrderStore {
  save(order: Order): Promise<void>;
  count(): number;
}
export async function sync(store: OrderStore, cache: Map<string, Order>, other: Repo, order: Order) {
  await store.save(order);
  void store.save(order);
  store.save(order).catch(report);
  const saving = store.save(order);
  store.count();
  cache.save(order);
  other.save(order);
  sendMail(order);
  return store.save(order);
}
`;
    expect(await found('typescript', code)).toEqual([]);
  });

  it('follows the project\'s own modules: an async function imported and called without await floats, a plain one does not', async () => {
    const modules: Record<string, { path: string; text: string }> = {
      './mailer': { path: 'src/jobs/mailer.js', text: "const transport = createTransport();\nasync function sendMail(message) {\n  await transport.sendMail(message);\n}\nfunction formatAddress(user) {\n  return `${user.name} <${user.email}>`;\n}\nexports.notify = async (user) => sendMail({ to: user.email });\nmodule.exports = { sendMail, formatAddress, notify: exports.notify };\n" },
      './store.js': { path: 'src/jobs/store.ts', text: 'export async function save(order: Order): Promise<void> {}\nexport function count(): number { return 0; }\n' },
    };
    const code = `const { sendMail, formatAddress } = require('./mailer');
const mailer = require('./mailer');
import { save as persist, count } from './store.js';
import * as store from './store.js';
import { missing } from './not-there';
export function digest(user, order) {
  sendMail({ to: user.email });
  formatAddress(user);
  mailer.notify(user);
  mailer.formatAddress(user);
  persist(order);
  store.save(order);
  store.count();
  missing(order);
  return sendMail({ to: 'ops@example.com' });
}
`;
    const pitfalls = await engine.check({ path: 'src/jobs/digest.ts', language: 'typescript', text: code, imported: (specifier) => modules[specifier] });
    expect(pitfalls.map((p) => `${p.startLine} ${p.ruleId.replace('tree-sitter/', '')}`)).toEqual(['7 js/floating-async-call', '9 js/floating-async-call', '11 js/floating-async-call', '12 js/floating-async-call']);
    expect(pitfalls[0]?.message).toBe('`sendMail` (from `./mailer`) returns a promise, and here it is neither awaited, returned nor caught.');
  });

  it('sees a .find() result through a cast or a non-null assertion', async () => {
    const code = `export function discount(cart: Cart, sku: string) {
  const item = cart.items.find((candidate) => candidate.sku === sku) as CartItem;
  const price = item.priceCents;
  const first = cart.items.find((candidate) => candidate.sku === sku)!;
  const total = (cart.items.find((candidate) => candidate.sku === sku) as CartItem).quantity;
  return price + first.quantity + total;
}
`;
    expect(await found('typescript', code)).toEqual(['5 js/unchecked-find', '3 js/unchecked-find', '6 js/unchecked-find']);
  });

  it('leaves a cast that admits undefined, and a checked or optional result, alone', async () => {
    const code = `export function discount(cart: Cart, sku: string) {
  const item = cart.items.find((candidate) => candidate.sku === sku) as CartItem | undefined;
  const other = cart.items.find((candidate) => candidate.sku === sku) as CartItem;
  if (!other) return 0;
  const last = (cart.items.find((candidate) => candidate.sku === sku) as CartItem)?.quantity;
  return (item?.priceCents ?? 0) + other.priceCents + (last ?? 0);
}
`;
    expect(await found('typescript', code)).toEqual([]);
  });

  it('finds fetch without a signal, and leaves one with a signal, with options that may hold one, or a fetch of its own alone', async () => {
    const code = `export async function forecast(city: string, init: RequestInit, event: FetchEvent) {
  const response = await fetch(\`https://api.example.com/forecast?city=\${city}\`);
  await fetch(url, { headers: { Accept: 'application/json' } });
  await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await fetch(url, init);
  await fetch(url, { ...init, method: 'POST' });
  await fetch(event.request);
  return response;
}
`;
    expect(await found('typescript', code)).toEqual(['2 js/fetch-without-timeout', '3 js/fetch-without-timeout']);
    expect(await found('javascript', "import fetch from 'node-fetch';\nexport const get = (url) => fetch(url);\n")).toEqual([]);
  });
});

describe('TLS with its certificate check turned off', () => {
  it('is found in Go, JavaScript/TypeScript and Java from the line that turns it off', async () => {
    const go = 'package x\n\nimport "crypto/tls"\n\nfunc c() *tls.Config {\n\treturn &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true}\n}\n';
    expect(await found('go', go)).toEqual(['6 go/tls-verification-off']);
    const ts = [
      "import https from 'node:https';",
      'const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });',
      "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
      'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";',
      "const quoted = { 'rejectUnauthorized': false };",
    ].join('\n');
    expect(await found('typescript', ts)).toEqual(['2 js/tls-verification-off', '5 js/tls-verification-off', '3 js/tls-verification-off', '4 js/tls-verification-off']);
    const java = `class Feed {
  void open(HttpsURLConnection connection) {
    connection.setHostnameVerifier((hostname, session) -> true);
  }
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}
}
`;
    expect(await found('java', java)).toEqual(['3 java/tls-verification-off', '5 java/tls-verification-off']);
  });

  it('leaves the check alone where it stays on', async () => {
    expect(await found('go', 'package x\n\nimport "crypto/tls"\n\nvar c = &tls.Config{InsecureSkipVerify: false, RootCAs: pool}\n')).toEqual([]);
    // Behind a setting its user turns on for one badly configured server (miniflux's fetcher does this).
    const optIn = 'package x\n\nfunc (r *Builder) transport() {\n\tif r.ignoreTLSErrors {\n\t\tr.t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}\n\t}\n}\n';
    expect(await found('go', optIn)).toEqual([]);
    expect(await found('typescript', 'if (options.allowSelfSigned) {\n  agent = new https.Agent({ rejectUnauthorized: false });\n}\n')).toEqual([]);
    expect(await found('javascript', "switch (sslmode) {\n  case 'no-verify':\n    return { rejectUnauthorized: false };\n}\n")).toEqual([]);
    expect(await found('javascript', "const agent = new https.Agent({ rejectUnauthorized: true, ca });\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n")).toEqual([]);
    const java = `class Feed {
  void open(HttpsURLConnection connection) {
    connection.setHostnameVerifier((hostname, session) -> hostname.equals(EXPECTED_HOST));
  }
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
  }
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}
}
`;
    expect(await found('java', java)).toEqual([]);
  });
});

describe('an async callback given to forEach', () => {
  it('is found, and for...of, Promise.all over map and a synchronous callback are left alone', async () => {
    const code = [
      'export async function notifyAll(users) {',
      '  users.forEach(async (user) => {',
      '    await sendMail(user.email);',
      '  });',
      '  orders.forEach(async function (order) { await save(order); });',
      '  for (const user of users) await sendMail(user.email);',
      '  await Promise.all(users.map(async (user) => sendMail(user.email)));',
      '  users.forEach((user) => console.log(user.email));',
      '}',
    ].join('\n');
    expect(await found('javascript', code)).toEqual(['2 js/async-foreach-callback', '5 js/async-foreach-callback']);
  });
});

describe('a password through a fast hash', () => {
  it('is found in JavaScript, Go, Java and Python where the hashed value is named like a password', async () => {
    const js = "const crypto = require('node:crypto');\nfunction store(user, password) {\n  user.hash = crypto.createHash('sha256').update(password).digest('hex');\n  user.etag = crypto.createHash('md5').update(user.body).digest('hex');\n}\n";
    expect(await found('javascript', js)).toEqual(['3 js/password-fast-hash']);
    const go = 'package x\n\nfunc store(u *User, newPassword string) {\n\tu.Hash = sha256.Sum256([]byte(newPassword))\n\tu.Etag = md5.Sum(u.Body)\n}\n';
    expect(await found('go', go)).toEqual(['4 go/password-fast-hash']);
    const java = 'class Users {\n  byte[] hash(String password) throws Exception {\n    MessageDigest md = MessageDigest.getInstance("SHA-256");\n    return md.digest(password.getBytes(StandardCharsets.UTF_8));\n  }\n  byte[] checksum(byte[] body) throws Exception {\n    return MessageDigest.getInstance("MD5").digest(body);\n  }\n}\n';
    expect(await found('java', java)).toEqual(['4 java/password-fast-hash']);
    const python = 'import hashlib\n\ndef store(user, password):\n    user.hash = hashlib.sha256(password.encode()).hexdigest()\n    user.etag = hashlib.md5(user.body).hexdigest()\n';
    expect(await found('python', python)).toEqual(['4 python/password-fast-hash']);
  });

  it('is found where a helper named for a fast hash is given a password, wherever its body is', async () => {
    const ts = "import { md5Password } from '../utils/password-handle';\nexport async function register(ctx) {\n  let { password } = ctx.request.body;\n  password = md5Password(password);\n  const etag = md5(ctx.body);\n}\n";
    expect(await found('typescript', ts)).toEqual(['4 js/password-hash-helper']);
    const java = 'class Users {\n  String hash(String password) {\n    return DigestUtils.md5Hex(password);\n  }\n  String etag(byte[] body) {\n    return DigestUtils.sha256Hex(body);\n  }\n}\n';
    expect(await found('java', java)).toEqual(['3 java/password-hash-helper']);
  });

  it('leaves a password given to a slow, salted function alone', async () => {
    expect(await found('python', 'import hashlib\n\ndef store(user, password, salt):\n    user.hash = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)\n')).toEqual([]);
    expect(await found('javascript', "crypto.scrypt(password, salt, 64, (err, key) => done(err, key));\n")).toEqual([]);
  });
});

describe('a credential written to a log', () => {
  it('is found in each language where a log or print call is given it as it is', async () => {
    const js = [
      'function connect(user, apiKey, config) {',
      '  console.log(`connecting as ${user} with ${apiKey}`);',
      "  logger.info('settings', { clientSecret: config.clientSecret });",
      '  console.log(user, mask(apiKey), config.password.length);',
      "  logger.debug('unexpected token', token);",
      '}',
    ].join('\n');
    expect(await found('javascript', js)).toEqual(['2 js/credential-logged', '3 js/credential-logged']);
    const python = 'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef login(user, password, credentials):\n    logger.info("login %s with %s", user, password)\n    print(f"user={user} password_length={len(password)}")\n    logger.debug("expires %s", credentials["expiry_time"])\n';
    expect(await found('python', python)).toEqual(['6 python/credential-logged']);
    const go = 'package x\n\nfunc Connect(cfg Config) {\n\tlog.Printf("connecting with key %s", cfg.APIKey)\n\tlog.Printf("connecting as %s", cfg.User)\n}\n';
    expect(await found('go', go)).toEqual(['4 go/credential-logged']);
    const java = 'class Auth {\n  void login(String user, String password) {\n    LOGGER.info("login " + user + " / " + password);\n    LOGGER.info("login " + user);\n  }\n}\n';
    expect(await found('java', java)).toEqual(['3 java/credential-logged']);
  });

  it('is found through a name declared from where credentials come, and left alone for names that are not', async () => {
    const js = [
      "const Url = `https://api.weatherstack.com/current?access_key=${process.env.WEATHER_API}&query=`;",
      'console.log(Url);',
      'const auth = req.headers.authorization;',
      "logger.info('auth', auth);",
      'const home = `https://example.com/?q=${query}`;',
      'console.log(home, process.env.NODE_ENV);',
    ].join('\n');
    expect(await found('javascript', js)).toEqual(['2 js/credential-logged', '4 js/credential-logged']);
    const go = 'package x\n\nfunc Auth(ctx *gin.Context) {\n\ttokenString := ctx.GetHeader("Authorization")\n\tfmt.Println(tokenString)\n\tagent := ctx.GetHeader("User-Agent")\n\tfmt.Println(agent)\n}\n';
    expect(await found('go', go)).toEqual(['5 go/credential-logged']);
    const python = "import os\nkey = os.getenv('OPENAI_API_KEY')\nprint(key)\nhome = os.getenv('HOME')\nprint(home)\n";
    expect(await found('python', python)).toEqual(['3 python/credential-logged']);
  });
});

describe('a secret made with a predictable random generator', () => {
  it('is found where the value or its function is named like a secret, and dice and jitter are left alone', async () => {
    const js = [
      'function resetToken() {',
      '  return Math.random().toString(36).slice(2);',
      '}',
      'const inviteCode = Math.floor(Math.random() * 1e6);',
      'const delay = base * (1 + Math.random());',
      'function rollDice() { return 1 + Math.floor(Math.random() * 6); }',
    ].join('\n');
    expect(await found('javascript', js)).toEqual(['2 js/weak-random-secret', '4 js/weak-random-secret']);
    const python = 'import random\nimport string\n\ndef make_password(n=12):\n    return "".join(random.choice(string.ascii_letters) for _ in range(n))\n\nwait = random.uniform(0.5, 1.5)\n';
    expect(await found('python', python)).toEqual(['5 python/weak-random-secret']);
    const java = 'class Tokens {\n  String sessionId() {\n    return Long.toHexString(new Random().nextLong());\n  }\n  int roll() { return new Random().nextInt(6); }\n}\n';
    expect(await found('java', java)).toEqual(['3 java/weak-random-secret']);
    const go = 'package x\n\nimport "math/rand"\n\nfunc NewAPIKey() string {\n\treturn fmt.Sprintf("%x", rand.Int63())\n}\n\nfunc jitter() int { return rand.Intn(100) }\n';
    expect(await found('go', go)).toEqual(['6 go/weak-random-secret']);
  });

  it('leaves Go alone when the rand is crypto/rand', async () => {
    const go = 'package x\n\nimport "crypto/rand"\n\nfunc NewAPIKey() []byte {\n\tb := make([]byte, 32)\n\trand.Read(b)\n\treturn b\n}\n';
    expect(await found('go', go)).toEqual([]);
  });
});

describe('a file path from the request', () => {
  it('is found directly or through a variable, and left alone once only the file name is kept', async () => {
    const js = [
      "router.get('/files/:name', (req, res) => {",
      '  res.sendFile(path.join(UPLOADS, req.params.name));',
      '});',
      "router.delete('/files/:name', async (req, res) => {",
      '  const name = req.params.name;',
      '  await fs.promises.unlink(path.join(UPLOADS, name));',
      '  const safe = path.basename(req.query.file);',
      '  res.download(path.join(UPLOADS, safe));',
      '});',
    ].join('\n');
    expect(await found('javascript', js)).toEqual(['2 js/path-from-request', '6 js/path-from-request']);
    const python = 'import os\nfrom flask import request, send_file\n\ndef download():\n    name = request.args["name"]\n    return send_file(os.path.join(UPLOADS, name))\n\ndef upload():\n    f = request.files["file"]\n    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))\n';
    expect(await found('python', python)).toEqual(['6 python/path-from-request']);
    // http.server's `self.path` is the request too, through either branch of an if/else; its own `translate_path` keeps it inside the folder.
    const server = [
      'class Handler(BaseHTTPRequestHandler):',
      '    def do_GET(self):',
      '        if self.path.startswith("/src/"): file_path = self.path.lstrip("/")',
      '        else: file_path = "public/index.html"',
      '        with open(file_path, "rb") as f: content = f.read()',
      '        with open(self.translate_path(self.path), "rb") as f: other = f.read()',
    ].join('\n');
    expect((await found('python', server)).filter((hit) => hit.includes('path-from'))).toEqual(['5 python/path-from-request']);
    const notAServer = 'class Config:\n    def load(self):\n        with open(self.path) as f:\n            return f.read()\n';
    expect((await found('python', notAServer)).filter((hit) => hit.includes('path-from'))).toEqual([]);
    const go = 'package x\n\nfunc serve(w http.ResponseWriter, r *http.Request) {\n\tname := r.URL.Query().Get("name")\n\thttp.ServeFile(w, r, filepath.Join(dir, name))\n\tsafe := filepath.Base(r.URL.Query().Get("other"))\n\tos.Open(filepath.Join(dir, safe))\n}\n';
    expect(await found('go', go)).toEqual(['5 go/path-from-request']);
    const java = 'class Files {\n  byte[] read(HttpServletRequest request) throws IOException {\n    return java.nio.file.Files.readAllBytes(Paths.get(UPLOADS, request.getParameter("name")));\n  }\n}\n';
    expect(await found('java', java)).toEqual(['3 java/path-from-request']);
  });

  it('follows the names a built path is made of, as a servlet building one under its web root does', async () => {
    const java = [
      'class DownLoadFile extends HttpServlet {',
      '  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {',
      '    String filename = request.getParameter("filename");',
      '    String path = getServletContext().getRealPath("download/" + filename);',
      '    String safe = getServletContext().getRealPath("download/" + Paths.get(filename).getFileName());',
      '    String fixed = getServletContext().getRealPath("download/index.html");',
      '  }',
      '}',
    ].join('\n');
    expect(await found('java', java)).toEqual(['4 java/path-from-request']);
  });

  it('reads only the path argument: the data written and the callback are no path', async () => {
    const js = [
      "app.post('/users', (req, res) => {",
      '  const newUser = req.body;',
      "  fs.readFile('users.json', 'utf8', (err, data) => {",
      '    const users = JSON.parse(data).concat(newUser);',
      "    fs.writeFile('users.json', JSON.stringify(users), () => res.send('ok'));",
      "    fs.writeFile(req.body.name, 'x', () => {});",
      '  });',
      '});',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('path-from-request'))).toEqual(['6 js/path-from-request']);
  });
});

describe('a signing key or password written in the code', () => {
  it('is found where a literal is what signs tokens or sessions, directly, through a name, or as a fallback', async () => {
    const js = [
      "const jwt = require('jsonwebtoken');",
      "const SECRET = 'shhhh';",
      'function issue(user) {',
      "  const token = jwt.sign({ id: user.id }, 'mysecretkey', { expiresIn: '1h' });",
      '  return jwt.verify(token, SECRET);',
      '}',
      "const key = process.env.JWT_SECRET || 'dev-secret';",
      'jwt.sign({}, key);',
      "app.use(session({ secret: 'keyboard cat', resave: false }));",
    ].join('\n');
    // A key written in a declaration is reported there, where the fix goes, not at the call that uses it.
    expect(await found('javascript', js)).toEqual(['2 js/hardcoded-signing-key', '4 js/hardcoded-signing-key', '7 js/hardcoded-signing-key', '9 js/hardcoded-signing-key']);
    const python = [
      'import os, jwt, smtplib',
      "app.config['SECRET_KEY'] = 'change-me'",
      "SECRET_KEY = os.getenv('SECRET_KEY', 'dev')",
      'def send(user):',
      "    token = jwt.encode({'id': user}, 'secret', algorithm='HS256')",
      "    server = smtplib.SMTP('smtp.gmail.com', 587)",
      "    server.login('me@example.com', 'wgfjlcitvvykjhre')",
    ].join('\n');
    expect(await found('python', python)).toEqual(['2 python/hardcoded-signing-key', '3 python/hardcoded-signing-key', '5 python/hardcoded-signing-key', '7 python/hardcoded-signing-key']);
    // A login's password left as a template to fill in is no leak; a key signed with is the key however plain.
    expect(await found('python', python.replace("'wgfjlcitvvykjhre'", "'password'"))).toEqual(['2 python/hardcoded-signing-key', '3 python/hardcoded-signing-key', '5 python/hardcoded-signing-key']);
    const go = 'package x\n\nvar jwtKey = []byte("secret_key")\n\nfunc Issue(c Claims) (string, error) {\n\ttoken := jwt.NewWithClaims(jwt.SigningMethodHS256, c)\n\treturn token.SignedString([]byte("other"))\n}\n';
    expect(await found('go', go)).toEqual(['3 go/hardcoded-signing-key', '7 go/hardcoded-signing-key']);
    // Named like a key and signing with it: one finding, at the key.
    expect(await found('go', go.replace('SignedString([]byte("other"))', 'SignedString(jwtKey)'))).toEqual(['3 go/hardcoded-signing-key']);
    const java = 'class Tokens {\n  String issue(String user) throws Exception {\n    try (Connection c = DriverManager.getConnection("jdbc:mysql://localhost/bank", "root", "root123")) { audit(c, user); }\n    return Jwts.builder().setSubject(user).signWith(SignatureAlgorithm.HS256, "secret").compact();\n  }\n}\n';
    expect(await found('java', java)).toEqual(['3 java/hardcoded-signing-key', '4 java/hardcoded-signing-key']);
  });

  it('leaves keys and passwords read from the environment or a file alone', async () => {
    const js = "const secret = process.env.JWT_SECRET;\njwt.sign({ id: 1 }, secret);\njwt.verify(token, config.jwtSecret);\napp.use(session({ secret: process.env.SESSION_SECRET }));\njwt.sign({}, '');\n";
    expect(await found('javascript', js)).toEqual([]);
    const python = "import os\napp.config['SECRET_KEY'] = os.environ['SECRET_KEY']\nSECRET_KEY = os.getenv('SECRET_KEY')\nserver.login(user, os.environ['SMTP_PASSWORD'])\ntoken = jwt.encode(payload, settings.key)\n";
    expect(await found('python', python)).toEqual([]);
    const go = 'package x\n\nvar jwtKey = []byte(os.Getenv("JWT_KEY"))\nvar headerKey = "X-Api-Key"\n\nfunc Issue(t *jwt.Token) (string, error) { return t.SignedString(jwtKey) }\n';
    expect(await found('go', go)).toEqual([]);
    const java = 'class Db {\n  Connection open() throws Exception {\n    return DriverManager.getConnection(url, user, System.getenv("DB_PASSWORD"));\n  }\n}\n';
    expect(await found('java', java)).toEqual([]);
  });
});

describe('an error logged, then the failed call\'s result used', () => {
  it('is found in Go and in Node callbacks where the branch only logs and a later line uses the result', async () => {
    const go = [
      'package x',
      '',
      'func Open(args string) *gorm.DB {',
      '\tdb, err := gorm.Open("mysql", args)',
      '\tif err != nil {',
      '\t\tlog.Println("connect failed: " + err.Error())',
      '\t}',
      '\tdb.AutoMigrate(&User{})',
      '\treturn db',
      '}',
    ].join('\n');
    expect(await found('go', go)).toEqual(['5 go/error-logged-then-used']);
    const js = [
      'db.query(sql, (err, res) => {',
      '  if (err) console.log(err);',
      '  const rows = res.rows;',
      '  reply(rows);',
      '});',
    ].join('\n');
    expect(await found('javascript', js)).toEqual(['2 js/callback-error-logged-then-used']);
  });

  it('leaves alone a branch that returns, stops or handles, and a logged error whose result is not used', async () => {
    const go = [
      'package x',
      '',
      'func Load(path string) (*Config, error) {',
      '\tdata, err := os.ReadFile(path)',
      '\tif err != nil {',
      '\t\treturn nil, fmt.Errorf("reading %s: %w", path, err)',
      '\t}',
      '\tcfg, err := parse(data)',
      '\tif err != nil {',
      '\t\tlog.Fatalf("bad config: %v", err)',
      '\t}',
      '\terr = os.Remove(path + ".lock")',
      '\tif err != nil {',
      '\t\tslog.Warn("lock not removed", slog.Any("error", err))',
      '\t}',
      '\tn, err := w.Write(data)',
      '\tif err != nil {',
      '\t\tlog.Println(err)',
      '\t} else {',
      '\t\tcount += n',
      '\t}',
      '\treturn cfg, nil',
      '}',
    ].join('\n');
    expect(await found('go', go)).toEqual([]);
    const js = [
      'fs.readFile(path, (err, data) => {',
      '  if (err) { console.error(err); return done(err); }',
      '  done(null, data);',
      '});',
      'cache.set(key, value, (err, ok) => {',
      '  if (err) console.warn(err);',
      '});',
    ].join('\n');
    expect(await found('javascript', js)).toEqual([]);
  });
});

describe('a regex match used without a check', () => {
  it('is found on the spot and through a name whose first use reads it, and left alone once checked', async () => {
    const python = [
      'import re',
      '',
      'def price(text):',
      "    match = re.search(r'\\$(\\d+)', text)",
      '    return match.group(1)',
      '',
      'def currency(text):',
      "    return re.match(r'[A-Z]{3}', text).group(0)",
      '',
      'def checked(text):',
      "    match = PRICE_PATTERN.search(text)",
      '    if match is None:',
      '        return None',
      '    return match.group(1)',
      '',
      'def inline(text):',
      "    m = re.fullmatch(r'\\d+', text)",
      '    return m.group(0) if m else None',
      '',
      'def other(words):',
      "    found = words.search('x')",
      '    return found.start',
    ].join('\n');
    expect(await found('python', python)).toEqual(['8 python/unchecked-match', '5 python/unchecked-match']);
  });
});

describe('an error caught and dropped', () => {
  it('is found where a catch-all handler only logs a message or gives up, never naming the error', async () => {
    const ts = [
      'async function importCsv(path: string) {',
      '  try {',
      '    await load(path);',
      '  } catch (err) {',
      "    console.log('error');",
      '  }',
      '}',
    ].join('\n');
    expect(await found('typescript', ts)).toEqual(['4 js/error-dropped']);
    const python = 'def fetch(url):\n    try:\n        return get(url)\n    except Exception as e:\n        print("Failed")\n        return None\n';
    expect(await found('python', python)).toEqual(['4 python/error-dropped']);
    const java = 'class Network {\n  String get(String url) {\n    try {\n      return read(url);\n    } catch (Exception e) {\n      return null;\n    }\n  }\n}\n';
    expect(await found('java', java)).toEqual(['5 java/error-dropped']);
  });

  it('leaves alone handlers that keep the error, typed handlers, and the parse-or-undefined fallback', async () => {
    const js = [
      'function parse(text) {',
      '  try { return JSON.parse(text); } catch { return undefined; }',
      '}',
      'async function run() {',
      "  try { await job(); } catch (err) { console.error('job failed', err); }",
      "  try { await job(); } catch (error) { logger.warn(`retrying: ${error.message}`); }",
      '}',
    ].join('\n');
    expect(await found('javascript', js)).toEqual([]);
    const python = 'def ask():\n    try:\n        return int(input())\n    except ValueError:\n        print("Please enter a number")\n        return None\n    except Exception as e:\n        logger.exception("reading failed: %s", e)\n';
    expect(await found('python', python)).toEqual([]);
    const java = 'class Parse {\n  int port(String s) {\n    try {\n      return Integer.parseInt(s);\n    } catch (NumberFormatException e) {\n      return -1;\n    }\n  }\n}\n';
    expect(await found('java', java)).toEqual([]);
  });
});

describe('defer inside a loop', () => {
  it('is found in a loop, and left alone in a function literal the loop calls', async () => {
    const go = [
      'package x',
      '',
      'func pages(urls []string) {',
      '\tfor _, url := range urls {',
      '\t\tresp, err := client.Get(url)',
      '\t\tif err != nil {',
      '\t\t\treturn',
      '\t\t}',
      '\t\tdefer resp.Body.Close()',
      '\t\tfunc() {',
      '\t\t\tf, _ := os.Open(url)',
      '\t\t\tdefer f.Close()',
      '\t\t}()',
      '\t}',
      '\tdefer done()',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('defer-in-loop'))).toEqual(['9 go/defer-in-loop']);
  });
});

describe('a promise rejection dropped', () => {
  it('is found where .catch() is given a function that does nothing, and left alone where it logs or handles', async () => {
    const js = [
      'async function daily(message, total) {',
      '  await new Daily({ userID: message.author.id }).save().catch(() => {});',
      "  await notify(message).catch((error) => logger.warn('notify failed', error));",
      '  await cleanup().catch(function () {});',
      '  await util.addCoins(message.author.id, total);',
      '}',
    ].join('\n');
    expect(await found('javascript', js)).toEqual(['2 js/promise-error-dropped', '4 js/promise-error-dropped']);
  });
});

describe('a busy loop', () => {
  it('is found in Go, Python and JavaScript where a loop runs for ever doing nothing, and left alone when it waits or works', async () => {
    expect(await found('go', 'package main\n\nfunc main() {\n\tgo serve()\n\tfor {\n\t}\n}\n')).toEqual(['5 go/busy-wait']);
    expect(await found('go', 'package main\n\nfunc main() {\n\tgo serve()\n\tselect {}\n\tfor {\n\t\ttick()\n\t}\n}\n')).toEqual([]);
    expect(await found('python', 'observer.start()\nwhile True:\n    pass\n')).toEqual(['2 python/busy-wait']);
    expect(await found('python', 'observer.start()\nwhile True:\n    time.sleep(1)\n')).toEqual([]);
    expect(await found('javascript', 'start();\nwhile (true) {}\nfor (;;) {\n  // wait\n}\nfor (let i = 0; i < n; i++) {}\n')).toEqual(['2 js/busy-wait', '3 js/busy-wait']);
  });
});

describe('a Go error never looked at', () => {
  it('is found where a call whose error is the point is made as a statement, and left alone for scans with nothing to fill', async () => {
    const go = [
      'package main',
      '',
      'func main() {',
      '\tres, _ := client.Get(url)',
      '\tjson.Unmarshal(body, &data)',
      '\tjson.NewDecoder(res.Body).Decode(&rates)',
      '\tfor scanner.Scan() {',
      '\t}',
      '\tfmt.Scanln()',
      '\thttp.ListenAndServe(":8080", nil)',
      '\tif err := json.Unmarshal(body, &data); err != nil {',
      '\t\treturn',
      '\t}',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('unchecked-error'))).toEqual(['5 go/unchecked-error', '6 go/unchecked-error', '10 go/unchecked-error']);
  });
});

describe('a new value thrown away', () => {
  it('is found where a string method\'s result is dropped, and left alone for methods that change what they are called on', async () => {
    const java = ['class Quiz {', '  void ask(String[] answers, Map<String, String> m, StringBuilder b) {', '    answers[0].toLowerCase();', '    answers[0] = answers[0].trim();', '    m.replace("k", "v");', '    b.replace(0, 1, "x");', '    answers[1].replace("a", "b");', '  }', '}'].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('discarded-result'))).toEqual(['3 java/discarded-result', '7 java/discarded-result']);
    const python = ['name = input()', 'name.strip()', 'name = name.lower()', 'window.title("Quiz")', 'os.replace(tmp, path)', 'node.parent.replace(node, other)', 'name.replace(" ", "")', 'sorted(scores)', 'self.rstrip()'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('discarded-result'))).toEqual(['2 python/discarded-result', '7 python/discarded-result', '8 python/discarded-result']);
    const js = ['text.trim();', "router.replace('/home');", "text.replace(/a/g, 'b');", 'const t = text.toUpperCase();', 'this.trim();'].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('discarded-result'))).toEqual(['1 js/discarded-result', '3 js/discarded-result']);
    const go = ['package main', '', 'func main() {', '\tstrings.TrimSpace(line)', '\tline = strings.ToLower(line)', '\tfmt.Sprintf("%d", n)', '}'].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('discarded-result'))).toEqual(['4 go/discarded-result', '6 go/discarded-result']);
  });
});

describe('a constructor that ignores its arguments', () => {
  it('is found where no parameter is used, and left alone for stubs, parameter properties and partial use', async () => {
    const java = ['class UserData {', '  String email;', '  public UserData(String e, String pw) {', '  }', '  public UserData(String e) {', '    email = e;', '  }', '  public UserData() {', '  }', '}'].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('constructor-ignores'))).toEqual(['3 java/constructor-ignores-arguments']);
    const python = ['class Point:', '    def __init__(self, x, y=0):', '        self.z = 0', '', 'class Proto:', '    def __init__(self, x: int) -> None:', '        ...', '', 'class Args:', '    def __init__(self, *args):', '        pass', '', 'class Used:', '    def __init__(self, x):', '        self.x = x'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('constructor-ignores'))).toEqual(['2 python/constructor-ignores-arguments']);
    const ts = ['class A {', '  constructor(name: string) {}', '}', 'class B {', '  constructor(private http: HttpClient) {}', '}', 'class C {', '  constructor(name = "x") { this.name = name; }', '}'].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('constructor-ignores'))).toEqual(['2 js/constructor-ignores-arguments']);
  });
});

describe('a Go error checked only for success', () => {
  it('is found where `if err == nil` has no else and the error is never read again, and left alone for the parse-or-keep idiom', async () => {
    const go = [
      'package main',
      '',
      'func save(name string) {',
      '\tf, err := os.OpenFile(name, os.O_APPEND, 0666)',
      '\tif err == nil {',
      '\t\tio.WriteString(f, "x")',
      '\t}',
      '\tdata, err = os.ReadFile(name)',
      '\tif n, err := strconv.Atoi(s); err == nil {',
      '\t\tsize = n',
      '\t}',
      '\tv, err := load()',
      '\tif err == nil {',
      '\t\treturn v',
      '\t}',
      '\tw, err := load()',
      '\tif err == nil {',
      '\t\tuse(w)',
      '\t}',
      '\treturn err',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('success-only'))).toEqual(['5 go/success-only-error-check']);
    // A test that expects the call to fail says so in the success branch.
    const test = ['package main', '', 'func TestLoad(t *testing.T) {', '\t_, err := load("missing")', '\tif err == nil {', '\t\tt.Errorf("expected an error")', '\t}', '}'].join('\n');
    expect((await found('go', test)).filter((hit) => hit.includes('success-only'))).toEqual([]);
  });
});

describe('one failure handled, the others let through', () => {
  it('is an if that tests the error for one value and leaves, with nothing reading the error after it', async () => {
    const go = [
      'package main',
      '',
      'func show(w http.ResponseWriter, id int) {',
      '\tdata, err := db.Get(id)',
      '\tif err != nil && err.Error() == "record not found" {',
      '\t\trespond(w, 404)',
      '\t\treturn',
      '\t}',
      '\trespond(w, data)',
      '\tuser, err := db.User(id)',
      '\tif errors.Is(err, sql.ErrNoRows) {',
      '\t\treturn',
      '\t}',
      '\tif err != nil {',
      '\t\treturn',
      '\t}',
      '\tc, err := r.Cookie("token")',
      '\tif err != nil {',
      '\t\tif err == http.ErrNoCookie {',
      '\t\t\treturn',
      '\t\t}',
      '\t\tw.WriteHeader(400)',
      '\t\treturn',
      '\t}',
      '\tnext, err := p.UpByOne(ctx)',
      '\trequire.NoError(t, err)',
      '\tif errors.Is(err, ErrNoNextVersion) {',
      '\t\treturn',
      '\t}',
      '\tuse(user, c, next)',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('one-failure'))).toEqual(['5 go/one-failure-handled']);
  });

  it('leaves an if err == nil that refuses and returns to the success-only rule, which no longer reads it as a success path', async () => {
    const go = ['package main', '', 'func register(c *gin.Context, email string) {', '\t_, err := store.UserByEmail(email)', '\tif err == nil {', '\t\tlog.Println("checked")', '\t\twriteError(c, 400, "user exists")', '\t\treturn', '\t}', '\tcreate(email)', '}'].join('\n');
    expect((await found('go', go)).filter((hit) => /success-only|one-failure/.test(hit))).toEqual([]);
  });
});

describe('a read buffer handed on, then read into again', () => {
  it('is a slice of a buffer made before the loop, sent on a channel or to a goroutine; not a copy, nor a buffer made on each pass', async () => {
    const go = [
      'package main',
      '',
      'func (c *Client) start() {',
      '\tbuffer := make([]byte, 1024)',
      '\tfor {',
      '\t\tn, err := c.conn.Read(buffer)',
      '\t\tif err != nil {',
      '\t\t\treturn',
      '\t\t}',
      '\t\tc.pipe <- Payload{Message: buffer[:n]}',
      '\t\tc.text <- string(buffer[:n])',
      '\t\tgo handle(buffer[:n])',
      '\t}',
      '}',
      'func (c *Client) fresh() {',
      '\tfor {',
      '\t\tbuffer := make([]byte, 1024)',
      '\t\tn, _ := c.conn.Read(buffer)',
      '\t\tc.pipe <- Payload{Message: buffer[:n]}',
      '\t}',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('buffer-handed-on'))).toEqual(['10 go/buffer-handed-on', '12 go/buffer-handed-on']);
  });
});

describe('every user sent, passwords included', () => {
  it('is a handler answering with a whole users table in a file that handles passwords; not named columns, one user, nor a file with no password', async () => {
    const ts = [
      'export async function getAll(req: Request, res: Response) {',
      '  const { name, email, password } = req.query;',
      '  const result = await connection.raw("SELECT * FROM labecommerce_users");',
      '  res.send(result[0]);',
      '  res.json(await User.findAll());',
      '  res.json(await User.findAll({ attributes: ["id", "name"] }));',
      '  const named = await connection.raw("SELECT id, name FROM users");',
      '  res.send(named[0]);',
      '  const one = await connection.raw("SELECT * FROM users WHERE id = ?", [req.params.id]);',
      '  res.send(one[0]);',
      '  res.json(await Product.find());',
      '}',
    ].join('\n');
    const hitsOf = async (language: 'typescript' | 'java', code: string) => (await found(language, code)).filter((hit) => hit.includes('users-sent-whole'));
    expect(await hitsOf('typescript', ts)).toEqual(['4 js/users-sent-whole', '5 js/users-sent-whole']);
    expect(await hitsOf('typescript', ts.replace('const { name, email, password } = req.query;', ''))).toEqual([]);
    // Behind login middleware it takes an account to read them: still raised, after what anyone can do.
    const routes = ['const { password } = req.body;', 'router.get("/", authenticate, async (req, res) => {', '  res.json(await User.findAll());', '});', 'router.get("/all", async (req, res) => res.json(await User.find()));'].join('\n');
    const pitfalls = await engine.check({ path: 'routes.ts', language: 'typescript', text: routes });
    expect(pitfalls.filter((p) => p.ruleId.endsWith('users-sent-whole')).map((p) => `${p.startLine} ${p.failure ?? 'risk'}`)).toEqual(['3 risk', '5 certain']);
    const java = [
      '@RestController',
      'class UserController {',
      '  @RequestMapping("/reg")',
      '  String reg(User user) { return user.getPassword() == null ? "no" : "ok"; }',
      '  @GetMapping("/findAll")',
      '  String findAll() throws Exception {',
      '    return objectMapper.writeValueAsString(userRepository.findAll());',
      '  }',
      '  int count() { return userRepository.findAll().size(); }',
      '}',
    ].join('\n');
    expect(await hitsOf('java', java)).toEqual(['7 java/users-sent-whole']);
  });
});

describe('a Go password sent with its struct', () => {
  it('is an exported password field a JSON answer carries; not one tagged out or blanked, nor a request\'s, nor an anonymous struct', async () => {
    const go = [
      'package main',
      '',
      'type User struct {',
      '\tName     string `json:"name"`',
      '\tPassword string `json:"password"`',
      '}',
      'type Account struct {',
      '\tPassword string `json:"-"`',
      '\tHash     string `json:"hash,omitempty"`',
      '}',
      'type LoginRequest struct {',
      '\tPassword string `json:"password"`',
      '}',
      'func list(w http.ResponseWriter, r *http.Request) {',
      '\tvar login struct {',
      '\t\tPassword string `json:"password"`',
      '\t}',
      '\tjson.NewEncoder(w).Encode(users)',
      '}',
    ].join('\n');
    const hitsOf = async (code: string) => (await found('go', code)).filter((hit) => hit.includes('password-in-json'));
    expect(await hitsOf(go)).toEqual(['5 go/password-in-json']);
    expect(await hitsOf(go.replace('\tjson.NewEncoder(w).Encode(users)', '\tuser.Password = ""\n\tjson.NewEncoder(w).Encode(user)'))).toEqual([]);
  });
});

describe('an Express response method assigned, and a random draw made in each branch', () => {
  it('is res.status assigned a value; not a mock or wrapper function, nor Koa\'s response.status setter', async () => {
    const ts = [
      'app.use((err: Error, req: Request, res: Response, next: NextFunction) => {',
      '  res.status = res.status || 500;',
      '  return res.json({ msg: err.message });',
      '});',
      'res.cookie = (name, value) => { cookies[name] = value; };',
      'res.end = function (content) { cache(content); };',
      'res.json = jest.fn();',
      'module.exports = async ({ request, response }) => { response.status = 400; };',
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('response-method'))).toEqual(['2 js/response-method-replaced']);
  });

  it('is an if/else-if chain whose conditions each call Math.random or a function that does; not one draw tested twice', async () => {
    const js = [
      'function randomNum() { return Math.floor(Math.random() * 3) + 1; }',
      'function pick() {',
      '  if (randomNum() === 1) return "rock";',
      '  else if (randomNum() === 2) return "paper";',
      '  else return "scissors";',
      '}',
      'function fair() {',
      '  const n = randomNum();',
      '  if (n === 1) return "rock";',
      '  else if (n === 2) return "paper";',
      '  return Math.random() < 0.5 ? "a" : "b";',
      '}',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('rerolled'))).toEqual(['3 js/random-rerolled']);
  });
});

describe('a password kept as plain text', () => {
  it('is an INSERT with a password column in a file that reads a form and hashes nothing', async () => {
    const servlet = (extra: string) => ['class Register extends HttpServlet {', '  protected void doPost(HttpServletRequest req, HttpServletResponse resp) {', '    String password = req.getParameter("password");', `    String sql = "insert into student(username,email,password) values (?,?,?)";${extra}`, '  }', '}'].join('\n');
    expect((await found('java', servlet(''))).filter((hit) => hit.includes('plaintext-password'))).toEqual(['4 java/plaintext-password']);
    expect((await found('java', servlet(' String h = BCrypt.hashpw(password, BCrypt.gensalt());'))).filter((hit) => hit.includes('plaintext-password'))).toEqual([]);
    const dao = ['class UserDao {', '  void add(User u) {', '    String sql = "INSERT INTO users (name, password) VALUES (?, ?)";', '  }', '}'].join('\n');
    expect((await found('java', dao)).filter((hit) => hit.includes('plaintext-password'))).toEqual([]);
  });

  it('is found where a login compares the password itself or asks SQL for it, and left alone for confirmations and hashes', async () => {
    const ts = [
      "if (!user || user.password !== password) throw new Error('UNAUTHORIZED');",
      'if (body.password !== body.confirm_password) return;',
      'if (hash(password) === user.passwordHash) ok();',
      "db.query('SELECT * FROM users WHERE email = ? AND password = ?', [email, password]);",
      "db.query('SELECT * FROM users WHERE email = ? AND password_hash = ?', [email, h]);",
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('plaintext-password'))).toEqual(['1 js/plaintext-password', '4 js/plaintext-password']);
    const java = ['class Login {', '  boolean ok(User u, String pw) {', '    return u.getPassword().equals(pw);', '  }', '  boolean same(String password, String confirmPassword) {', '    return password.equals(confirmPassword);', '  }', '}'].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('plaintext-password'))).toEqual(['3 java/plaintext-password']);
    const python = ['if row["password"] == password:', '    login()', 'if bcrypt.checkpw(password, row["password_hash"]):', '    login()', 'cur.execute(f"SELECT id FROM users WHERE name = %s AND pwd = %s", (n, p))'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('plaintext-password'))).toEqual(['1 python/plaintext-password', '5 python/plaintext-password']);
    // Go's `strings.Compare(a, b) == 0` and `strings.EqualFold` are equality too; `psw` is a password's name.
    const go = [
      'package main',
      '',
      'func login(email, psw, username, password string) bool {',
      '\tif strings.Compare(email, username) == 0 && strings.Compare(psw, password) == 0 {',
      '\t\treturn true',
      '\t}',
      '\treturn strings.EqualFold(password, confirmPassword)',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('plaintext-password'))).toEqual(['4 go/plaintext-password']);
  });
});

describe('a login password written in the code', () => {
  it('is found where the entered password is compared with a literal or a constant holding one, at the literal', async () => {
    const java = ['class Login {', '  private static final String PASSWORD = "admin123";', '  boolean ok(String password) {', '    return password.equals(PASSWORD);', '  }', '  boolean empty(String password) {', '    return password.equals("");', '  }', '}'].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('password'))).toEqual(['2 java/hardcoded-login-password']);
    expect((await found('python', 'if password == "hunter2":\n    ok()\n')).filter((hit) => hit.includes('password'))).toEqual(['1 python/hardcoded-login-password']);
    // A format check, a menu's "0 to go back" and a second entry to confirm are none of these.
    expect((await found('python', 'if password[0] == "$":\n    a()\nif password == "0":\n    b()\nif password == repassword:\n    c()\n')).filter((hit) => hit.includes('password'))).toEqual([]);
  });
});

describe('an error answered and the handler going on', () => {
  it('is found where a branch answers a failure without returning and more statements follow, and left alone when it returns or only sets the status', async () => {
    const go = [
      'package main',
      '',
      'func create(w http.ResponseWriter, r *http.Request) {',
      '\terr := json.NewDecoder(r.Body).Decode(&todo)',
      '\tif err != nil {',
      '\t\thttp.Error(w, err.Error(), http.StatusBadRequest)',
      '\t}',
      '\terr = todo.Create()',
      '\tif err != nil {',
      '\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)',
      '\t\treturn',
      '\t}',
      '\tif !ok {',
      '\t\tw.WriteHeader(400)',
      '\t}',
      '\tif verbose {',
      '\t\tfmt.Fprintf(w, "details")',
      '\t}',
      '\tw.WriteHeader(http.StatusCreated)',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('answered-then'))).toEqual(['5 go/answered-then-continued']);
    const js = [
      "app.get('/users/:id', (req, res) => {",
      '  const user = users.find((u) => u.id === req.params.id);',
      '  if (!user) {',
      "    res.status(404).json({ error: 'not found' });",
      '  }',
      '  if (!user.active) return res.status(403).send();',
      '  res.json(user);',
      '});',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('answered-then'))).toEqual(['3 js/answered-then-continued']);
  });

  it('is found where an Express branch answers, whatever the status, and the next line answers again; an if/else that both answer too', async () => {
    const js = [
      "app.get('/transports', (req, res) => {",
      '  if (req.query.title) {',
      '    const search = req.query.title.toString();',
      '    res.send(transports.filter((t) => t.name.includes(search)));',
      '  }',
      '  res.send(transports);',
      '});',
      "app.get('/transports/:id', (req, res) => {",
      '  if (transport) {',
      '    res.send(transport);',
      '  } else {',
      '    res.send(404);',
      '  }',
      '  res.send(transport);',
      '});',
      "app.get('/ok', (req, res) => {",
      '  if (cached) {',
      '    res.send(cached);',
      '  } else if (fresh) {',
      '    res.send(fresh);',
      '  }',
      '  log(req.path);',
      '});',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('answered-then'))).toEqual(['2 js/answered-then-continued', '9 js/answered-then-continued']);
  });

  it('is found where a loop answers and the handler answers again after it; not when the loop answers and returns', async () => {
    const js = [
      "app.get('/products/:id', (req, res) => {",
      '  products.forEach((p) => {',
      '    if (p.id == req.params.id) res.send(p);',
      '  });',
      "  res.send('no matching item found');",
      '});',
      "app.post('/products', (req, res) => {",
      '  for (const p of products) {',
      "    if (p.id == req.body.id) { res.status(409).send('taken'); return; }",
      '  }',
      '  products.push(req.body);',
      "  res.send('added');",
      '});',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('answered-in-loop'))).toEqual(['3 js/answered-in-loop']);
  });
});

describe('an async Express handler with no error path', () => {
  it('is found where a standalone handler throws outside a try, or awaits outside one in a file whose other handlers catch', async () => {
    const ts = [
      'export const show = async (req: Request, res: Response) => {',
      '  const blogs = await Blog.find();',
      '  res.json(blogs);',
      '};',
      'export const get = async (req: Request, res: Response) => {',
      '  try {',
      '    res.json(await Blog.findOne({ _id: req.params.id }));',
      '  } catch (error) {',
      '    res.status(500).json({ error: "failed" });',
      '  }',
      '};',
      'export const update: RequestHandler = async (req, res) => {',
      '  if (!req.body.name) throw new Error("invalid");',
      '  await Blog.updateOne({ _id: req.params.id }, req.body);',
      '};',
      'export const remove = async (req: Request, res: Response, next: NextFunction) => {',
      '  await Blog.deleteOne({ _id: req.params.id }).catch(next);',
      '  next();',
      '};',
      "router.get('/x', asyncHandler(async (req, res) => { throw new Error('x'); }));",
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('async-handler'))).toEqual(['13 js/async-handler-throws', '2 js/async-handler-unguarded']);
    // Without a handler that catches, an awaiting one is not reported: the routes file may wrap them all.
    expect((await found('typescript', ts.split('\n').slice(0, 4).join('\n'))).filter((hit) => hit.includes('async-handler'))).toEqual([]);
  });
});

describe('a Go map or slice shared between goroutines without a lock', () => {
  it('is found where a package-level map or slice is written in a goroutine or a handler, and left alone when the file locks', async () => {
    const go = [
      'package main',
      '',
      'var conns map[string]net.Conn',
      'var sessions = make(map[string]string)',
      'var config = map[string]string{}',
      '',
      'func handleConn(conn net.Conn) {',
      '\tdelete(conns, conn.RemoteAddr().String())',
      '}',
      '',
      'func login(w http.ResponseWriter, r *http.Request) {',
      '\tsessions[r.FormValue("id")] = "user"',
      '}',
      '',
      'func main() {',
      '\tconfig["port"] = "80"',
      '\tfor {',
      '\t\tconn, _ := listen.Accept()',
      '\t\tconns[conn.RemoteAddr().String()] = conn',
      '\t\tgo handleConn(conn)',
      '\t}',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('shared-collection'))).toEqual(['8 go/shared-collection-without-lock', '12 go/shared-collection-without-lock']);
    expect((await found('go', go.replace('package main', 'package main\n\nvar mu sync.Mutex'))).filter((hit) => hit.includes('shared-collection'))).toEqual([]);
    const slice = ['package main', '', 'var books = []Book{}', '', 'func create(w http.ResponseWriter, r *http.Request) {', '\tbooks = append(books, Book{})', '}', '', 'func main() {', '\tbooks = append(books, Book{})', '}'].join('\n');
    expect((await found('go', slice)).filter((hit) => hit.includes('shared-collection'))).toEqual(['6 go/shared-collection-without-lock']);
    // Declared in another file of the package (written here, declared nowhere in the handler); a
    // WaitGroup guards nothing; a local's field and a local slice are not shared.
    const elsewhere = [
      'package main',
      '',
      'func wsHandler(w http.ResponseWriter, r *http.Request) {',
      '	var wg sync.WaitGroup',
      '	clients = append(clients, conn)',
      '	sess.Values["id"] = name',
      '	seen := []string{}',
      '	seen = append(seen, name)',
      '	wg.Wait()',
      '}',
    ].join('\n');
    expect((await found('go', elsewhere)).filter((hit) => hit.includes('shared-collection'))).toEqual(['5 go/shared-collection-without-lock']);
  });
});

describe('security findings, by who can do harm', () => {
  it('marks an injection and a signing key as open to anyone now, and a development database password as needing that database too', async () => {
    const java = [
      'class LoginServlet {',
      '  void login(String username) throws Exception {',
      '    Connection c = DriverManager.getConnection(url, "root", "root");',
      '    c.createStatement().executeQuery("select * from users where username = \'" + username + "\'");',
      '    String token = Jwts.builder().signWith(SignatureAlgorithm.HS256, "secret").compact();',
      '  }',
      '}',
    ].join('\n');
    const pitfalls = await engine.check({ path: 'LoginServlet.java', language: 'java', text: java });
    const failures = pitfalls.filter((p) => p.concern === 'security').map((p) => `${p.startLine} ${p.failure ?? 'risk'}`);
    expect(failures).toEqual(expect.arrayContaining(['3 remote', '4 certain', '5 certain']));
  });
});

describe('a loop whose condition never changes', () => {
  it('is found where nothing in the body moves the condition on or leaves, and left alone when something does', async () => {
    const java = [
      'class Reader {',
      '  void read(BufferedReader in, List<String> out) throws IOException {',
      '    String str = in.readLine();',
      '    while (str != null) {',
      '      out.add(str.split(",")[0]);',
      '      for (String s : out) { if (s.isEmpty()) break; }',
      '    }',
      '    String line = in.readLine();',
      '    while (line != null) {',
      '      out.add(line);',
      '      line = in.readLine();',
      '    }',
      '    while (out != null) {',
      '      fill(out);',
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('stale-loop'))).toEqual(['4 java/stale-loop-condition']);
    const python = ['def play(answer):', '    guess = int(input())', '    while guess != answer:', '        print("try again")', '    while guess != answer:', '        guess = int(input())', '    while guess:', '        if ok():', '            break'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('stale-loop'))).toEqual(['3 python/stale-loop-condition']);
    expect((await found('javascript', 'function f(n) {\n  while (n--) coef();\n}\n')).filter((hit) => hit.includes('stale-loop'))).toEqual([]);
    const go = ['package main', '', 'func f(x *Node) {', '\tfor x != nil {', '\t\tvisit(x)', '\t}', '\tfor ok {', '\t\tfmt.Println("waiting")', '\t}', '}'].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('stale-loop'))).toEqual([]);
  });
});

describe('a Python name possibly unbound', () => {
  it('is found where a name set on some paths only is read after, and left alone when every path sets it or leaves', async () => {
    const python = [
      'will_rain = check()',
      'if will_rain:',
      '    message = send()',
      'print(message.status)',
      'if will_rain:',
      '    print(message)',
      'try:',
      '    data = load()',
      'except ValueError:',
      '    print("bad file")',
      'print(data["key"])',
      'if ok:',
      '    level = 1',
      'else:',
      '    level = 2',
      'print(level)',
      'try:',
      '    rows = fetch()',
      'except OSError:',
      '    raise SystemExit(1)',
      'print(rows)',
      'def f(flag):',
      '    if flag:',
      '        total = 1',
      '    total = 0',
      '    return total',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('possibly-unbound'))).toEqual(['4 python/possibly-unbound', '11 python/possibly-unbound']);
    // Python 2's fallback idiom, an attribute set on some paths, and a read inside a loop's later turns are not the fault.
    const idioms = ['try:', '    raw_input', 'except NameError:', '    raw_input = input', 'print(raw_input())', 'if "db" not in g:', '    g.db = connect()', 'print(g.db)', 'for row in rows:', '    if row.first:', '        header = row', '    print(header)'].join('\n');
    expect((await found('python', idioms)).filter((hit) => hit.includes('possibly-unbound'))).toEqual([]);
  });
});

describe('an index or a request value used as if found', () => {
  it('finds findIndex results spliced or indexed unchecked, and a value destructured from a request string', async () => {
    const js = [
      "app.delete('/students/:id', (req, res) => {",
      '  const { id } = req.params.id;',
      '  const index = students.findIndex((s) => s.id == id);',
      '  students.splice(index, 1);',
      '  const at = students.indexOf(other);',
      '  if (at === -1) return res.sendStatus(404);',
      '  students[at] = req.body;',
      '  const { name } = req.params;',
      '});',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => /find-index|destructured/.test(hit))).toEqual(['4 js/unchecked-find-index', '2 js/destructured-request-value']);
  });
});

describe('a Java readLine() used before a null check', () => {
  it('is found where a method is called on the line first, and left alone when a check or the literal side comes first', async () => {
    const java = [
      'class Save {',
      '  void run(BufferedReader br) throws IOException {',
      '    String str = "";',
      '    str = br.readLine();',
      '    if (str.equals("exit")) return;',
      '    String line = br.readLine();',
      '    while (line != null) { line = br.readLine(); }',
      '    String word = br.readLine();',
      '    if ("exit".equals(word)) return;',
      '  }',
      '}',
    ].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('read-line'))).toEqual(['5 java/unchecked-read-line']);
  });
});

describe('a Go error branch that handles only some errors', () => {
  it('is found where the other errors fall through to a use of the result, and left alone when every error leaves', async () => {
    const go = [
      'package main',
      '',
      'func serve(w http.ResponseWriter, r *http.Request) {',
      '\tinfo, err := os.Stat(fp)',
      '\tif err != nil {',
      '\t\tif os.IsNotExist(err) {',
      '\t\t\thttp.NotFound(w, r)',
      '\t\t\treturn',
      '\t\t}',
      '\t}',
      '\tif info.IsDir() {',
      '\t\treturn',
      '\t}',
      '\tother, err := os.Stat(fp)',
      '\tif err != nil {',
      '\t\tif os.IsNotExist(err) {',
      '\t\t\treturn',
      '\t\t}',
      '\t\treturn',
      '\t}',
      '\t_ = other.Name()',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('error-logged'))).toEqual(['5 go/error-logged-then-used']);
  });
});

describe('a database query used before it is awaited', () => {
  it('is found where the pending query is tested or read as its result, and left alone when awaited or built on', async () => {
    const ts = [
      'export async function toggle(req: Request, res: Response) {',
      '  const user = models.User.findById(req.params.userId);',
      '  if (!user) return res.sendStatus(404);',
      '  const other = await User.findOne({ email });',
      '  if (!other) return res.sendStatus(404);',
      '  const query = User.findOne({ email });',
      '  const found = await query.populate("posts").exec();',
      '  const post = Post.findByPk(id);',
      '  res.json(post.title);',
      '}',
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('unawaited-query'))).toEqual(['3 js/unawaited-query-used', '9 js/unawaited-query-used']);
  });

  it('is found where the call itself is tested against null or negated, and left alone when awaited or compared with a value', async () => {
    const js = [
      'async function stats(req, res) {',
      '  if (prisma.user.findUnique({ where: { id } }) === null) return res.sendStatus(404);',
      '  if (!User.findOne({ email })) return res.sendStatus(404);',
      '  if ((await prisma.user.findUnique({ where: { id } })) === null) return res.sendStatus(404);',
      '  if (!(await User.findOne({ email }))) return res.sendStatus(404);',
      '  if (cache.findOne(key) === null) return;',
      '  if (Post.count() === 0) return;',
      '}',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('unawaited-query'))).toEqual(['2 js/unawaited-query-used', '3 js/unawaited-query-used']);
  });
});

describe('a transaction that holds no query', () => {
  it('is a transaction only ever committed or rolled back; not one given to a query, a managed one, nor a file using CLS', async () => {
    const ts = [
      'async function addUsers(groupId: string, userIds: string[]) {',
      '  const transaction = await connection.transaction();',
      '  try {',
      '    for (const userId of userIds) await UserGroup.create({ userId, groupId });',
      '    await transaction.commit();',
      '  } catch (e) {',
      '    await transaction.rollback();',
      '  }',
      '}',
      'async function moveUsers(groupId: string, userIds: string[]) {',
      '  const transaction = await sequelize.transaction();',
      '  try {',
      '    await UserGroup.destroy({ where: { groupId }, transaction });',
      '    await transaction.commit();',
      '  } catch (e) {',
      '    await transaction.rollback();',
      '  }',
      '}',
      'async function managed() {',
      '  const result = await sequelize.transaction(async (t) => UserGroup.create({}, { transaction: t }));',
      '}',
    ].join('\n');
    const hitsOf = async (code: string) => (await found('typescript', code)).filter((hit) => hit.includes('transaction-holds-no-query'));
    expect(await hitsOf(ts)).toEqual(['2 js/transaction-holds-no-query']);
    expect(await hitsOf(`Sequelize.useCLS(namespace);\n${ts}`)).toEqual([]);
  });
});

describe('a Go read error retried for ever', () => {
  it('is found where an endless loop continues after a failed read, and left alone when EOF ends it', async () => {
    const go = [
      'package main',
      '',
      'func main() {',
      '\treader := bufio.NewReader(os.Stdin)',
      '\tfor {',
      '\t\tline, err := reader.ReadString(\'\\n\')',
      '\t\tif err != nil {',
      '\t\t\tfmt.Println("try again")',
      '\t\t\tcontinue',
      '\t\t}',
      '\t\tuse(line)',
      '\t}',
      '\tfor {',
      '\t\tline, err := reader.ReadString(\'\\n\')',
      '\t\tif err != nil {',
      '\t\t\tif err == io.EOF {',
      '\t\t\t\treturn',
      '\t\t\t}',
      '\t\t\tcontinue',
      '\t\t}',
      '\t\tuse(line)',
      '\t}',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('retried-forever'))).toEqual(['7 go/read-error-retried-forever']);
    // A check that does nothing goes round just as `continue` does: a chat server spinning on a client gone.
    const server = ['package main', '', 'func handle(conn net.Conn) {', '\tfor {', '\t\tstatus, err := bufio.NewReader(conn).ReadString(\'\\n\')', '\t\tif err != nil {', '\t\t}', '\t\tgo sendAll(status)', '\t}', '}'].join('\n');
    expect((await found('go', server)).filter((hit) => hit.includes('retried-forever'))).toEqual(['6 go/read-error-retried-forever']);
  });
});

describe('a password stored or looked up as given, and a response sent twice', () => {
  it('finds a record made or queried with the typed password in a file that hashes nothing, and two responses in one block', async () => {
    const ts = [
      'export const signup = async (req: Request, res: Response) => {',
      '  const { username, email, password } = req.body;',
      '  await UserModel.create({ username, email, password });',
      '  const user = await UserModel.findOne({ username: username, password: password });',
      '  res.send("Password incorrect!");',
      '  res.sendStatus(409);',
      '};',
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => /plaintext|sent-twice/.test(hit))).toEqual(['3 js/plaintext-password', '4 js/plaintext-password', '6 js/response-sent-twice']);
    const hashed = ts.replace('await UserModel.create({ username, email, password });', 'await UserModel.create({ username, email, password: await bcrypt.hash(password, 10) });');
    expect((await found('typescript', hashed)).filter((hit) => hit.includes('plaintext'))).toEqual([]);
  });
});

describe('a Java static collection shared between threads without a lock', () => {
  it('is found where threads change a static java.util collection, and left alone when the file synchronizes', async () => {
    const java = [
      'public class ChatServer {',
      '  private static ArrayList<ClientHandler> clients = new ArrayList<>();',
      '  public static void main(String[] args) throws IOException {',
      '    while (true) {',
      '      ClientHandler handler = new ClientHandler(server.accept());',
      '      clients.add(handler);',
      '      new Thread(handler).start();',
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('shared-collection'))).toEqual(['2 java/shared-collection-without-lock']);
    expect((await found('java', java.replace('clients.add(handler);', 'synchronized (clients) { clients.add(handler); }'))).filter((hit) => hit.includes('shared-collection'))).toEqual([]);
  });

  it('is found for a server\'s field of connections, static or not, added to by its accept loop and walked by a broadcast, its threads started elsewhere', async () => {
    const java = [
      'public class ChatServer {',
      '  ArrayList<Client> clients = new ArrayList<>();',
      '  List<String> names = new ArrayList<>();',
      '  void sendAll(String message) {',
      '    for (Client client : clients) client.receive(message);',
      '  }',
      '  public void run() throws IOException {',
      '    while (true) {',
      '      Socket socket = serverSocket.accept();',
      '      clients.add(new Client(socket, this));',
      '      names.add(socket.toString());',
      '    }',
      '  }',
      '}',
    ].join('\n');
    // `names` is only added to, never walked: nothing shows it shared.
    expect((await found('java', java)).filter((hit) => hit.includes('shared-collection'))).toEqual(['2 java/shared-collection-without-lock']);
  });

  it('is found at the one change made without the lock the collection\'s other uses hold; not for a collection handed in, nor one every use locks', async () => {
    const java = [
      'public class Server {',
      '  private static ArrayList<Handler> clients = new ArrayList<>();',
      '  private static ArrayList<String> log = new ArrayList<>();',
      '  private final List<String> base;',
      '  public static void main(String[] args) throws IOException {',
      '    while (true) {',
      '      Handler handler = new Handler(serverSocket.accept());',
      '      clients.add(handler);',
      '      synchronized (log) { log.add("joined"); }',
      '      base.add("x");',
      '    }',
      '  }',
      '  public static synchronized void broadcast(String message) {',
      '    for (Handler client : clients) client.send(message);',
      '    for (String line : log) client.send(line);',
      '    base.clear();',
      '  }',
      '}',
    ].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('shared-collection'))).toEqual(['8 java/shared-collection-without-lock']);
  });
});

describe('a Go map the file locks in one handler and writes without the lock in another', () => {
  it('is found at the unlocked write; not when every use takes the lock, nor in a file whose lock guards something else', async () => {
    const go = [
      'package main',
      '',
      'var (',
      '\trooms   = make(map[string]*Pool)',
      '\troomsMu sync.RWMutex',
      ')',
      '',
      'func routes(r *chi.Mux) {',
      '\tr.Get("/room/{id}", func(w http.ResponseWriter, r *http.Request) {',
      '\t\troomsMu.RLock()',
      '\t\tpool, ok := rooms[chi.URLParam(r, "id")]',
      '\t\troomsMu.RUnlock()',
      '\t\tserve(pool, ok, w)',
      '\t})',
      '\tr.Post("/room", func(w http.ResponseWriter, r *http.Request) {',
      '\t\trooms[name(r)] = NewPool()',
      '\t})',
      '}',
    ].join('\n');
    const only = async (code: string) => (await found('go', code)).filter((hit) => hit.includes('shared-collection'));
    expect(await only(go)).toEqual(['16 go/shared-collection-without-lock']);
    expect(await only(go.replace('\t\trooms[name(r)] = NewPool()', '\t\troomsMu.Lock()\n\t\tdefer roomsMu.Unlock()\n\t\trooms[name(r)] = NewPool()'))).toEqual([]);
    expect(await only(go.replace('\t\troomsMu.RLock()', '\t\tcountMu.RLock()').replace('rooms[chi.URLParam(r, "id")]', 'counts[chi.URLParam(r, "id")]'))).toEqual([]);
  });
});

describe('an id made from the number of records', () => {
  it('is found where an id is a collection size plus one, in Python and JavaScript', async () => {
    expect((await found('python', 'id_ = len(students) + 1\nstudents.append({"id": len(students) + 1})\ncount = len(students) + 1\n')).filter((hit) => hit.includes('id-from-count'))).toEqual(['1 python/id-from-count', '2 python/id-from-count']);
    expect((await found('javascript', 'const todo = { id: todos.length + 1, text };\nconst next = todos.length + 1;\n')).filter((hit) => hit.includes('id-from-count'))).toEqual(['1 js/id-from-count']);
  });
});

describe('a headless browser launched and never closed', () => {
  it('is found where the launching function neither closes nor hands on the browser', async () => {
    const js = [
      'async function scrape(url) {',
      '  const browser = await puppeteer.launch();',
      '  const page = await browser.newPage();',
      '  return page.title();',
      '}',
      'async function closed(url) {',
      '  const browser = await puppeteer.launch();',
      '  try { return await (await browser.newPage()).title(); } finally { await browser.close(); }',
      '}',
      'async function shared() {',
      '  const browser = await chromium.launch();',
      '  return browser;',
      '}',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('browser-left-open'))).toEqual(['2 js/browser-left-open']);
  });
});

describe('an error sent with a success status', () => {
  it('is found where a route returns or sends an error body with no status, and left alone when the status is set', async () => {
    const python = [
      '@app.get("/students/{student_id}")',
      'def get_student(student_id: int):',
      '    if student_id in students:',
      '        return students[student_id]',
      '    return {"error": "Student not found"}',
      '',
      '@app.route("/login")',
      'def login():',
      '    return jsonify({"error": "bad password"}), 401',
      '',
      'def helper():',
      '    return {"error": "not a route"}',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('error-with-success'))).toEqual(['5 python/error-with-success-status']);
    const js = ["app.get('/x', (req, res) => {", "  if (!user) return res.json({ error: 'not found' });", "  res.status(404).json({ error: 'gone' });", '});'].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('error-with-success'))).toEqual(['2 js/error-with-success-status']);
  });
});

describe('passwords written to a file as typed', () => {
  it('is found where records with a password key are dumped and nothing encrypts, and left alone with Fernet', async () => {
    const python = ['new_data = {website: {"email": email, "password": password}}', 'with open("data.json", "w") as data_file:', '    json.dump(new_data, data_file, indent=4)'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('password-written'))).toEqual(['3 python/password-written-to-file']);
    expect((await found('python', `${python}\ntoken = Fernet(key).encrypt(b"x")`)).filter((hit) => hit.includes('password-written'))).toEqual([]);
  });
});

describe('a record reached by id alone where the file asks for its owner elsewhere', () => {
  it('is found where one lookup drops the owner the others ask for, and left alone without that habit', async () => {
    const ts = [
      'class TasksService {',
      '  findOne(userId: string, id: string) { return this.taskRepo.findOne({ where: { id, user: { id: userId } } }); }',
      '  update(userId: string, id: string) { return this.taskRepo.findOne({ where: { id, user: { id: userId } } }); }',
      '  remove(id: string) { return this.taskRepo.findOne({ where: { id } }); }',
      '  profile(id: string) { return this.userRepo.findOne({ where: { id } }); }',
      '}',
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('owner-check'))).toEqual(['4 js/owner-check-forgotten']);
    expect((await found('typescript', ts.split('\n').filter((line) => !line.includes('update(')).join('\n'))).filter((hit) => hit.includes('owner-check'))).toEqual([]);
  });
});

describe('a query whose placeholders and values do not match', () => {
  const only = async (language: Parameters<typeof found>[0], code: string) => (await found(language, code)).filter((hit) => hit.includes('sql-parameter'));

  it('is a Java statement with a ? never set, reported at its SQL; not one bound in a loop, handed to a helper, or fully set', async () => {
    const java = [
      'class EmpDao {',
      '  static int update(Emp e) throws SQLException {',
      '    PreparedStatement ps = con.prepareStatement(',
      '        "update emp set name=?,email=? where id=?");',
      '    ps.setString(1, e.getName());',
      '    ps.setString(2, e.getEmail());',
      '    ps.setQueryTimeout(30);',
      '    return ps.executeUpdate();',
      '  }',
      '  static int delete(int id) throws SQLException {',
      "    PreparedStatement ps = con.prepareStatement(\"delete from emp where id=? and name <> '?'\");",
      '    ps.setInt(1, id);',
      '    ps = con.prepareStatement("delete from audit where emp=? and at=?");',
      '    ps.setInt(1, id);',
      '    ps.setInt(2, now);',
      '    return ps.executeUpdate();',
      '  }',
      '  static void all(List<Object> values) throws SQLException {',
      '    PreparedStatement ps = con.prepareStatement("insert into t values (?, ?, ?)");',
      '    for (int i = 0; i < values.size(); i++) ps.setObject(i + 1, values.get(i));',
      '    PreparedStatement other = con.prepareStatement("insert into u values (?, ?)");',
      '    bind(other, values);',
      '  }',
      '}',
    ].join('\n');
    expect(await only('java', java)).toEqual(['4 java/sql-parameter-unbound']);
  });

  it('is a Python execute given a bracketed value for a tuple, or the wrong number of values', async () => {
    const python = [
      'cur.execute("SELECT * FROM students WHERE id = ?", (student_id))',
      'cur.execute("INSERT INTO students VALUES (?, ?, ?)", (name, age))',
      'cur.execute("SELECT * FROM students WHERE id = ?", (student_id,))',
      'cur.execute("INSERT INTO t (a, b) VALUES (%s, %s)", [a, b])',
      'cur.execute("SELECT * FROM t WHERE a = :a", {"a": a})',
      'cur.execute(f"SELECT * FROM t WHERE a = ?", (a, b))',
      "cur.execute(\"SELECT * FROM t WHERE note = '?' AND id = ?\", (a,))",
    ].join('\n');
    expect(await only('python', python)).toEqual(['1 python/sql-parameter-count', '2 python/sql-parameter-count']);
  });

  it('is a JavaScript query given fewer values than its ? or $n marks; not a list expanded by IN (?), nor a map lookup', async () => {
    const js = [
      "db.query('INSERT INTO users (name, email, age) VALUES (?, ?, ?)', [name, email], done);",
      "pool.query('UPDATE todos SET done = $1 WHERE id = $2', [done]);",
      "db.query('SELECT * FROM users WHERE id IN (?)', [ids]);",
      "pool.query('SELECT * FROM todos WHERE id = $1', [id]);",
      "cache.get('?', [key]);",
    ].join('\n');
    expect(await only('javascript', js)).toEqual(['1 js/sql-parameter-count', '2 js/sql-parameter-count']);
  });
});

describe('a failure printed, then reported as a success', () => {
  it('is found at the handler of a function that prints its failure, when a caller then says it worked', async () => {
    const python = [
      'import json',
      'def save_data(data):',
      '    try:',
      '        with open("inventory.json", "w") as file:',
      '            json.dump(data, file)',
      '    except Exception as e:',
      '        print(f"Error saving database: {e}")',
      '',
      'def load_data():',
      '    try:',
      '        with open("inventory.json") as file:',
      '            return json.load(file)',
      '    except Exception as e:',
      '        print(f"Error loading: {e}")',
      '',
      'def main(inventory):',
      '    load_data()',
      '    print("Loaded.")',
      '    save_data(inventory)',
      '    print("Database saved. Goodbye!")',
    ].join('\n');
    const only = async (code: string) => (await found('python', code)).filter((hit) => hit.includes('told-as-success'));
    expect(await only(python)).toEqual(['6 python/failure-told-as-success']);
    // A handler that re-raises lets the caller know; a caller that says nothing after claims nothing.
    expect(await only(python.replace('        print(f"Error saving database: {e}")', '        print(f"Error saving database: {e}")\n        raise'))).toEqual([]);
    expect(await only(python.replace('    print("Database saved. Goodbye!")', '    print("Goodbye!")'))).toEqual([]);
  });
});

describe('a connection released before its callback runs', () => {
  it('is found where a try makes a callback query on the client its finally releases; not an awaited one', async () => {
    const ts = [
      'async function list(req: Request, res: Response) {',
      '  const client = await pool.connect();',
      '  try {',
      '    client.query(SELECT_MEMOS, [size, page], function (err, results) {',
      '      if (err) return res.status(500).json({ err });',
      '      client.query(COUNT, [], (e, count) => res.json({ rows: results.rows, count }));',
      '    });',
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
    ].join('\n');
    const only = async (code: string) => (await found('typescript', code)).filter((hit) => hit.includes('released-before-callback'));
    expect(await only(ts)).toEqual(['4 js/released-before-callback']);
    const awaited = ['async function list() {', '  const client = await pool.connect();', '  try {', '    const { rows } = await client.query(SELECT_MEMOS, [size]);', '    return rows.map((row) => row.id);', '  } finally {', '    client.release();', '  }', '}'].join('\n');
    expect(await only(awaited)).toEqual([]);
  });
});

describe('a random index one past the end', () => {
  it('is randint up to len(x) used to index x, directly, through a name or an alias; not randint up to len(x) - 1, nor a position to insert at', async () => {
    const python = [
      'from random import randint as randy',
      'import random',
      'def pick(words):',
      '    return words[randy(1, len(words))]',
      'def pick_two(words):',
      '    i = random.randint(0, len(words))',
      '    return words[i]',
      'def fine(words, item):',
      '    a = words[random.randint(0, len(words) - 1)]',
      '    words.insert(random.randint(0, len(words)), item)',
      '    return a',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('randint'))).toEqual(['4 python/randint-index-past-end', '6 python/randint-index-past-end']);
  });
});

describe('a failure printed where it happens, then success said on the next line', () => {
  const only = async (language: Parameters<typeof found>[0], code: string) => (await found(language, code)).filter((hit) => hit.includes('failure-then-success'));

  it('is found in Go, Python and JavaScript; not when the failure branch returns, nor when what follows says no success', async () => {
    const go = ['func checkLink(link string) {', '\t_, err := http.Get(link)', '\tif err != nil {', '\t\tfmt.Printf("%s is down\\n", link)', '\t}', '\tfmt.Printf("%s is up\\n", link)', '}'].join('\n');
    expect(await only('go', go)).toEqual(['3 go/failure-then-success-message']);
    expect(await only('go', go.replace('is down\\n", link)', 'is down\\n", link)\n\t\treturn'))).toEqual([]);
    const python = ['try:', '    save(data)', 'except Exception as e:', '    print("Could not save:", e)', 'print("Saved!")', 'try:', '    n = int(text)', 'except ValueError:', '    print("not a number")', 'print("Thanks")'].join('\n');
    expect(await only('python', python)).toEqual(['3 python/failure-then-success-message']);
    const js = ['try {', '  await user.save();', '} catch (err) {', '  console.log(err);', '}', "console.log('User created');"].join('\n');
    expect(await only('javascript', js)).toEqual(['3 js/failure-then-success-message']);
    expect(await only('javascript', js.replace('  console.log(err);', '  console.log(err);\n  return;'))).toEqual([]);
  });
});

describe('a collection changed while a loop walks it', () => {
  it('is found in Java, through a for-each or an iterator; not through the iterator, nor when the loop ends right after', async () => {
    const java = [
      'class Bank {',
      '  void close(List<Account> accounts, Account act) {',
      '    Iterator<Account> iterator = accounts.iterator();',
      '    while (iterator.hasNext()) {',
      '      Account account = iterator.next();',
      '      if (account == act) {',
      '        accounts.remove(account);',
      '      }',
      '    }',
      '    for (Account a : accounts) {',
      '      if (a.isEmpty()) accounts.remove(a);',
      '    }',
      '    for (Account a : accounts) {',
      '      if (a == act) { accounts.remove(a); break; }',
      '    }',
      '    Iterator<Account> it = accounts.iterator();',
      '    while (it.hasNext()) { if (it.next().isEmpty()) it.remove(); }',
      '  }',
      '}',
    ].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('changed-while'))).toEqual(['7 java/collection-changed-while-iterating', '11 java/collection-changed-while-iterating']);
  });

  it('is found in Python where the loop walks the collection itself; not a copy', async () => {
    const python = ['for item in cart:', '    if item.price == 0:', '        cart.remove(item)', 'for item in list(cart):', '    cart.remove(item)', 'for key in counts:', '    del counts[key]', 'for key in counts:', '    counts[key] = 0'].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('changed-while'))).toEqual(['3 python/collection-changed-while-iterating', '7 python/collection-changed-while-iterating']);
  });
});

describe('a closed connection never noticed', () => {
  it('is a socket read in an endless loop with no test for the empty read; not one that breaks on it, nor an accept loop reading each new connection once', async () => {
    const python = [
      'def handle(client):',
      '    while True:',
      "        message = client.recv(1024).decode('ascii')",
      '        broadcast(message)',
      'def echo(conn):',
      '    while True:',
      '        data = conn.recv(1024)',
      '        if not data:',
      '            break',
      '        conn.sendall(data)',
      'def serve(server):',
      '    while True:',
      '        conn, addr = server.accept()',
      '        greeting = conn.recv(1024)',
      '        conn.close()',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('recv-end'))).toEqual(['3 python/recv-end-unchecked']);
  });
});

describe('a password kept in the browser storage', () => {
  it('is setItem given a value that mentions a password, or a key that names one; not a token', async () => {
    const ts = [
      "localStorage.setItem('currentUser', `${loginForm.login}:${loginForm.password}`);",
      "sessionStorage.setItem('password', pwd);",
      "localStorage.setItem('token', response.token);",
    ].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('browser-storage'))).toEqual(['1 js/password-in-browser-storage', '2 js/password-in-browser-storage']);
  });
});

describe('an amount checked against the balance and never against zero', () => {
  const hitsOf = async (language: 'javascript' | 'python' | 'java', code: string) => (await found(language, code)).filter((hit) => hit.includes('amount-not-checked'));

  it('is found at the balance check of a give command and a withdrawal; not when the amount is checked to be positive, nor for a price the program supplies', async () => {
    const js = [
      'module.exports.run = async (bot, message, args) => {',
      '  let sCoins = coins[message.author.id].coins;',
      '  if (sCoins < args[1]) return message.reply("not enough");',
      '  coins[message.author.id] = { coins: sCoins - parseInt(args[1]) };',
      '  coins[target.id] = { coins: pCoins + parseInt(args[1]) };',
      '};',
      'async function give(message, [amount, user]) {',
      '  if (amount <= 0) return message.reply("give something");',
      '  if (amount <= wallet.get(message.author)) wallet.set(message.author, wallet.get(message.author) - amount);',
      '}',
    ].join('\n');
    expect(await hitsOf('javascript', js)).toEqual(['3 js/amount-not-checked-positive']);
    // An inquirer answer typed in counts as input; one picked from the program's own choices does not.
    const atm = [
      'async function withdraw() {',
      '  const fast = await inquirer.prompt([{ name: "cash", type: "list", choices: [5000, 10000] }]);',
      '  if (fast.cash > myBalance) console.log("Insufficient balance"); else myBalance -= fast.cash;',
      '  const custom = await inquirer.prompt([{ name: "amount", type: "number" }]);',
      '  if (custom.amount > myBalance) console.log("Insufficient balance"); else myBalance -= custom.amount;',
      '}',
    ].join('\n');
    expect(await hitsOf('javascript', atm)).toEqual(['5 js/amount-not-checked-positive']);
    // A balance shortened to `bal` (`authorBal.bal`) holds money too; a `global` does not (each function's `amount` is its own).
    const bal = [
      'async function execute(message, args) {',
      '  const amount = parseInt(args[1]);',
      '  if (amount > authorBal.bal) return message.channel.send("not enough");',
      '  authorBal.bal -= amount;',
      '}',
      'function spend(args) {',
      '  const amount = parseInt(args[1]);',
      '  if (amount > global) return;',
      '  global -= amount;',
      '}',
    ].join('\n');
    expect(await hitsOf('javascript', bal)).toEqual(['3 js/amount-not-checked-positive']);
    const python = [
      'class Account:',
      '    def withdraw(self, amount):',
      '        if amount > self.balance:',
      '            print("Insufficient funds")',
      '        else:',
      '            self.balance -= amount',
      '    def make_payment(self, cost):',
      '        if self.money_received >= cost:',
      '            change = self.money_received - cost',
      '    def take(self, amount):',
      '        if amount <= 0 or amount > self.balance:',
      '            raise ValueError(amount)',
      '        self.balance -= amount',
      'def withdraw_typed():',
      "    cash = int(input('How much?'))",
      '    user.balance = user.balance - cash',
      'def deposit_fee(fee):',
      '    user.balance = user.balance - fee',
    ].join('\n');
    // A typed-in amount with no check at all is found at the subtraction; a parameter with none is the caller's to check.
    expect(await hitsOf('python', python)).toEqual(['3 python/amount-not-checked-positive', '16 python/amount-not-checked-positive']);
    const java = [
      'class BankAccount {',
      '  private double balance;',
      '  public boolean withdraw(double amount) {',
      '    if (balance >= amount) { balance -= amount; return true; }',
      '    return false;',
      '  }',
      '  public void pay(double amount) {',
      '    if (amount > 0 && amount <= balance) balance -= amount;',
      '  }',
      '}',
    ].join('\n');
    expect(await hitsOf('java', java)).toEqual(['4 java/amount-not-checked-positive']);
  });

  it('is a security hole when the amount also goes to someone else, a bug when it only comes out of one balance', async () => {
    const give = ['async function give(message, [amount, user]) {', '  if (amount <= wallet[message.author.id]) {', '    wallet[message.author.id] -= amount;', '    wallet[user.id] += amount;', '  }', '}'].join('\n');
    const withdraw = ['function withdraw(amount) {', '  if (amount <= balance) balance -= amount;', '}'].join('\n');
    const concerns = async (text: string) => (await engine.check({ path: 'x.js', language: 'javascript', text })).filter((p) => p.ruleId.includes('amount-not-checked')).map((p) => p.concern);
    expect(await concerns(give)).toEqual(['security']);
    expect(await concerns(withdraw)).toEqual(['correctness']);
  });

  it('leaves a token bucket alone: its capacity is no money', async () => {
    const python = ['def acquire(self, amount=1):', '    if amount <= self._current_capacity:', '        self._current_capacity -= amount'].join('\n');
    expect(await hitsOf('python', python)).toEqual([]);
  });
});

describe('one request stopping the whole server', () => {
  it('is log.Fatal or os.Exit in a Go handler and process.exit in an Express route; not in main, nor a panic', async () => {
    const go = [
      'package main',
      'func GetUser(w http.ResponseWriter, r *http.Request) {',
      '  id, err := strconv.Atoi(mux.Vars(r)["id"])',
      '  if err != nil {',
      '    log.Fatalf("bad id %v", err)',
      '  }',
      '  if id < 0 { panic("negative") }',
      '}',
      'func Show(c *gin.Context) { if c.Param("id") == "" { os.Exit(1) } }',
      'func main() {',
      '  if err := http.ListenAndServe(":8080", nil); err != nil { log.Fatal(err) }',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('exit-in-handler'))).toEqual(['5 go/exit-in-handler', '9 go/exit-in-handler']);
    const js = [
      "app.get('/users/:id', async (req, res) => {",
      '  try { res.json(await User.findById(req.params.id)); } catch (err) { console.error(err); process.exit(1); }',
      '});',
      'function shutdown() { server.close(() => process.exit(0)); }',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('exit-in-handler'))).toEqual(['2 js/exit-in-handler']);
  });
});

describe('a Go error replaced before it is checked', () => {
  it('is an err assigned again before anything reads it; not one checked between, nor one the next call reads', async () => {
    const go = [
      'package main',
      'func Index(c *gin.Context) {',
      '  page, err := util.Uint(c.Query("p"))',
      '  limit, err := util.Uint(c.Query("l"))',
      '  items, err := service.All(page, limit)',
      '  if err != nil { return }',
      '  a, err := strconv.Atoi(x)',
      '  if err != nil { return }',
      '  b, err := strconv.Atoi(y)',
      '  err = wrap(err, b)',
      '  fmt.Println(a, items, err)',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('error-overwritten'))).toEqual(['3 go/error-overwritten', '4 go/error-overwritten']);
  });
});

describe('a name read before its declaration', () => {
  it('is a const read by a statement that runs before it; not from a function that runs later, a type, an export list or a block declaring its own', async () => {
    const js = [
      "const app = require('express')();",
      'app.listen(PORT, () => console.log(`on ${PORT}`));',
      "app.get('/', (req, res) => res.send(String(PORT)));",
      'function later() { return PORT; }',
      'if (app) { const { PORT } = process.env; console.log(PORT); }',
      'for (const [PORT, v] of pairs) console.log(PORT, v);',
      'export { PORT as port };',
      'const PORT = 3000;',
      'console.log(PORT);',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('used-before-declared'))).toEqual(['2 js/used-before-declared']);
    const ts = ['type Options = z.infer<typeof optionsSchema>;', 'const optionsSchema = z.object({});'].join('\n');
    expect((await found('typescript', ts)).filter((hit) => hit.includes('used-before-declared'))).toEqual([]);
  });
});

describe('a check that stops nothing', () => {
  const hitsOf = async (language: 'python' | 'java' | 'javascript', code: string) => (await found(language, code)).filter((hit) => hit.includes('check-stops-nothing'));

  it('is an if that only prints a refusal before the next line uses what it tested, and an else that refuses then does what the if does', async () => {
    const python = [
      'def deposit(self, amount):',
      '    if amount < 1:',
      '        print("invalid amount")',
      '    self.balance = self.balance + amount',
      'def grade(score):',
      '    if score < 5:',
      '        print("too low: you fail")',
      '    if score < 20:',
      '        print("a few hours")',
      'def take(amount):',
      '    if amount < 1:',
      '        print("invalid amount")',
      '        return',
      '    total.append(amount)',
      'def warn(role):',
      '    if role not in roles:',
      '        print(f"Warning: invalid role {role}")',
      '    use(role)',
    ].join('\n');
    expect(await hitsOf('python', python)).toEqual(['2 python/check-stops-nothing']);
    const java = [
      'class ATM {',
      '  void checkPin(int entered) {',
      '    if (entered == PIN) {',
      '      menu();',
      '    } else {',
      '      System.out.println("Enter a valid pin");',
      '      menu();',
      '    }',
      '    if (answer == 1) { System.out.println("Correct"); show(score); } else { System.out.println("Wrong answer"); show(score); }',
      '  }',
      '}',
    ].join('\n');
    // The second `if` shows the score on both paths, as it should; the first lets a wrong PIN in.
    expect(await hitsOf('java', java)).toEqual(['3 java/check-stops-nothing']);
  });
});

describe('an error made but not thrown', () => {
  const hitsOf = async (language: 'typescript' | 'java' | 'javascript', code: string) => (await found(language, code)).filter((hit) => hit.includes('error-not-thrown'));

  it('is a statement that only builds an error class: told by its name, a throw of it, its module or its parent; not other objects, nor minified names', async () => {
    const ts = [
      'import Forbidden from "@/services/Exception.ts/Forbidden";',
      'import { Gone as GoneNow } from "../errors";',
      'import Widget from "./widget";',
      'class Teapot extends HttpError {}',
      'export const update = async (req: Request) => {',
      '  if (!user) {',
      '    throw new NotFound("User not found");',
      '  }',
      '  if (password) {',
      '    new Forbidden("Password cannot be updated directly");',
      '  }',
      '  new NotFound("again");',
      '  new GoneNow();',
      '  new Teapot();',
      '  new Widget(document.body);',
      '  new TypeError("bad");',
      '  throw new Forbidden("kept");',
      '};',
    ].join('\n');
    expect(await hitsOf('typescript', ts)).toEqual(['10 js/error-not-thrown', '12 js/error-not-thrown', '13 js/error-not-thrown', '14 js/error-not-thrown', '16 js/error-not-thrown']);
    // Minified code reuses one-letter names for anything: `throw new n(...)` says nothing about the next `new n`.
    expect(await hitsOf('javascript', 'function f(t){if(t)throw new n("x");new n(1);new s(2)}')).toEqual([]);
    const java = [
      'class Account {',
      '  void withdraw(int amount) {',
      '    if (amount < 0) {',
      '      new IllegalArgumentException("negative amount");',
      '    }',
      '    new Thread(this::audit).start();',
      '    new AuditLog(amount);',
      '    balance -= amount;',
      '  }',
      '  IOException failure(int code) {',
      '    return switch (code) {',
      '      case 91 -> new SocketException("request rejected");',
      '      default -> new SocketException("bad status");',
      '    };',
      '  }',
      '}',
    ].join('\n');
    // A switch expression's arms are its values (the JDK's SocksSocketImpl).
    expect(await hitsOf('java', java)).toEqual(['4 java/error-not-thrown']);
  });
});

describe('a function that loops by calling itself', () => {
  it('is a function reading input() that calls itself last, in a loop or in a branch that ends it; not a returned retry, nor one that reads nothing', async () => {
    const python = [
      'def menu():',
      '    choice = input("> ")',
      '    if choice == "1":',
      '        add()',
      '    else:',
      '        show()',
      '    menu()',
      'def scan():',
      '    sku = input()',
      '    while sku != "EXPORT":',
      '        count(sku)',
      '        scan()',
      'def ask():',
      '    answer = input("age? ")',
      '    if not answer.isdigit():',
      '        return ask()',
      '    return int(answer)',
      'def walk(node):',
      '    for child in node.children:',
      '        walk(child)',
      'def again():',
      '    if input("again? ") == "y":',
      '        again()',
      '    print("bye")',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('recursion-as-loop'))).toEqual(['7 python/recursion-as-loop', '12 python/recursion-as-loop']);
  });
});

describe('typed text compared with a number', () => {
  it('is a name last set by input() compared with an integer; not after int(), nor text with text, nor a value set in an earlier branch only', async () => {
    const python = [
      'ch = int(input("choice: "))',
      'if ch == 1:',
      '    while True:',
      '        ch = input("choice: ")',
      '        if ch == 1:',
      '            withdraw()',
      '        elif ch in (2, 3):',
      '            deposit()',
      '        elif ch == "4":',
      '            break',
      'elif ch == 2:',
      '    print("bye")',
      'def again():',
      '    answer = input("again? 0/1 ")',
      '    while answer != 0:',
      '        answer = input("again? ")',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('input-compared'))).toEqual(['5 python/input-compared-with-number', '7 python/input-compared-with-number', '15 python/input-compared-with-number']);
  });
});

describe('a file rewritten without truncate', () => {
  it('is a with open(..., "r+") block written over from its start with no truncate(); not one that truncates, writes at an offset, or appends after a read', async () => {
    const python = [
      'with open("save.json", "r+") as f:',
      '    json.dump(save, f)',
      'with open("save.json", "r+") as f:',
      '    f.seek(0)',
      '    json.dump(save, f)',
      '    f.truncate()',
      'with open(name, "rb+") as f:',
      '    f.seek(offset)',
      '    f.write(chunk)',
      'with open(name, "r+") as f:',
      '    old = f.read()',
      '    f.write("more")',
      'with open(name, mode="r+") as f:',
      '    data = json.load(f)',
      '    f.seek(0)',
      '    json.dump(data, f)',
      'with temp_modules() as mapping:',
      '    with open(path, "r+b") as header:',
      '        header.write(b"\\x00\\x00")',
    ].join('\n');
    // Binary `r+b` patches bytes in place (CPython's own tests do), and the outer `with` is not the one that opens the file.
    expect((await found('python', python)).filter((hit) => hit.includes('truncate'))).toEqual(['1 python/rewrite-without-truncate', '13 python/rewrite-without-truncate']);
  });
});

describe('functions defined inside a loop', () => {
  it('is a while loop whose body defines two functions or more; not one closure made in a loop', async () => {
    const python = [
      'while True:',
      '    show_menu()',
      '    def add_student():',
      '        pass',
      '    choice = input("> ")',
      '    def view_students():',
      '        pass',
      'while running:',
      '    def step(alpha):',
      '        return alpha',
      '    running = search(step)',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('functions-in-loop'))).toEqual(['3 python/functions-in-loop']);
  });
});

describe('a Tkinter widget kept as None', () => {
  it('is a name given what .grid() returns and read later; not a widget kept, then placed', async () => {
    const python = [
      'from tkinter import *',
      'def save():',
      '    print(name.get(), age.get())',
      'root = Tk()',
      'name = Entry(root, width=40).grid(row=1, column=1)',
      'age = Entry(root)',
      'age.grid(row=2, column=1)',
      'Label(root, text="Name").grid(row=1, column=0)',
    ].join('\n');
    expect((await found('python', python)).filter((hit) => hit.includes('widget-is-none'))).toEqual(['5 python/widget-is-none']);
  });
});

describe('a database opened on every request', () => {
  it('is an opener called in a Go handler, directly or through a function of the file; not in main', async () => {
    const go = [
      'package main',
      'func dbConn() (db *sql.DB) {',
      '\tdb, _ = sql.Open("mysql", dsn)',
      '\treturn db',
      '}',
      'func Index(w http.ResponseWriter, r *http.Request) {',
      '\tdb := dbConn()',
      '\tdefer db.Close()',
      '}',
      'func Create(c *gin.Context) {',
      '\tdb, _ := gorm.Open("mysql", dsn)',
      '\t_ = db',
      '}',
      'func main() {',
      '\tdb, err := sql.Open("mysql", dsn)',
      '\t_ = dbConn()',
      '}',
    ].join('\n');
    expect((await found('go', go)).filter((hit) => hit.includes('db-open-per-request'))).toEqual(['7 go/db-open-per-request', '11 go/db-open-per-request']);
  });
});

describe("a request's state kept in a servlet's fields", () => {
  it('is found once per servlet, at its first field a request method sets; not what init() sets, nor a local of the same name', async () => {
    const java = [
      'public class Login extends HttpServlet {',
      '  Connection con = null;',
      '  PreparedStatement pstmt = null;',
      '  PrintWriter pw = null;',
      '  public void init() { con = DriverManager.getConnection(url, user, pass); }',
      '  public void service(HttpServletRequest req, HttpServletResponse res) throws IOException {',
      '    pw = res.getWriter();',
      '    pstmt = con.prepareStatement(query);',
      '  }',
      '}',
      'public class Report extends HttpServlet {',
      '  PrintWriter pw;',
      '  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {',
      '    PrintWriter pw = res.getWriter();',
      '    pw = res.getWriter();',
      '  }',
      '}',
    ].join('\n');
    expect((await found('java', java)).filter((hit) => hit.includes('servlet-request-state'))).toEqual(['3 java/servlet-request-state-in-fields']);
  });
});

describe('a name nothing declares, one letter from one the file declares', () => {
  it('is found at the read; not a difference of case, a leading underscore, a JSX tag, a re-export or an environment name', async () => {
    const js = [
      "let prompEl = document.getElementById('prompt');",
      'function show(q) {',
      '  promptEl.textContent = q.prompt;',
      '}',
      'const chart = new Chart(ctx, {});',
      'const { password: _password, ...user } = record;',
      'console.log(password, user);',
      "const documents = [];",
      'document.title = documents.length;',
      "export { prompt } from './prompt';",
      'orders.forEach((order) => console.log(order));',
      'const footers = [];',
      'const view = <footer>{footers}</footer>;',
    ].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('misspelled-name'))).toEqual(['3 js/misspelled-name']);
  });

  it("counts a class expression's own name as declared, and reads no keyword as a name (both seen in node_modules)", async () => {
    const js = ['var Tree = class _Tree {', '  constructor() { this._free = false; }', '  copy() { return new _Tree(); }', '};', 'function _free() {}', 'function later(wait) { return wait; }', 'await (0, sleep)(later(1));'].join('\n');
    expect((await found('javascript', js)).filter((hit) => hit.includes('misspelled-name'))).toEqual([]);
  });
});

describe('a route that changes data without the login check the others have', () => {
  it('is found in Flask and Express where two routes or more are guarded; not sign-up or sign-in, nor a file with no habit, nor one guarded as a whole', async () => {
    const python = [
      "@app.route('/signup', methods=['GET', 'POST'])",
      'def signup():',
      '    pass',
      "@app.route('/blog', methods=['GET', 'POST'])",
      '@login_required',
      'def main_page():',
      '    pass',
      "@app.route('/blog/<id>', methods=['GET', 'POST'])",
      'def delete_blog(id):',
      '    pass',
      "@app.route('/post/<id>')",
      '@login_required',
      'def view_post(id):',
      '    pass',
    ].join('\n');
    const hitsOf = async (language: 'python' | 'javascript', code: string) => (await found(language, code)).filter((hit) => hit.includes('login-check-forgotten'));
    expect(await hitsOf('python', python)).toEqual(['8 python/login-check-forgotten']);
    expect(await hitsOf('python', `@app.before_request\ndef check():\n    pass\n${python}`)).toEqual([]);
    const js = [
      "router.post('/login', userController.login);",
      "router.post('/verification', verifyToken, userController.verification);",
      "router.post('/updatePass', verifyToken, userController.changePassword);",
      "router.patch('/update/:id', userController.update);",
      "router.get('/getAll', userController.findAll);",
    ].join('\n');
    expect(await hitsOf('javascript', js)).toEqual(['4 js/login-check-forgotten']);
    expect(await hitsOf('javascript', `router.use(verifyToken);\n${js}`)).toEqual([]);
  });
});
