import type { Node } from 'web-tree-sitter';
import { GO_HANDLER_PARAMETER } from './go.js';
import { ancestor, calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A package-level Go map or slice (declared in this file, or written by a function that declares
 * it nowhere: another file of the package does) written from code that runs concurrently, with no
 * lock anywhere in the file: `delete(ConnMap, addr)` in a function started with `go handleConn(conn)`,
 * `sessions[id] = user` or `books = append(books, book)` in an HTTP handler (net/http runs each
 * request on its own goroutine). Go's maps are not safe for concurrent use: the runtime stops the
 * whole program with "fatal error: concurrent map writes"; two appends at once lose one of the
 * records. Under load, never in a quick manual test. In a file that mentions `sync.` (a Mutex, a
 * sync.Map) or `atomic`, only a collection locked in one function and written without the lock in
 * another is reported (`roomsMu.RLock()` around the read, none around `rooms[id] = pool`); left
 * alone where the write is not in a goroutine or a handler.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'hidden',
  title: 'map or slice shared between goroutines without a lock',
  question: 'Two clients arrive at the same moment: which goroutines write this then, and what happens when two of them write it at once?',
  docsUrl: 'https://go.dev/doc/faq#atomic_maps',
  fix: 'Guard it with a `sync.Mutex` (lock around every read and write, `mu.Lock(); defer mu.Unlock()`), use a `sync.Map`, keep the records in a database, or give them to one goroutine and send it changes over a channel; `go run -race` shows the race',
} as const;

const FUNCTIONS = new Set(['function_declaration', 'func_literal']);

/** The names of package-level variables declared as maps or slices. */
function packageCollections(index: SyntaxIndex): Set<string> {
  const maps = new Set<string>();
  for (const spec of index.of('var_spec')) {
    // `var m = ...` or one of a `var ( ... )` group, at the top of the file.
    const declaration = spec.parent?.type === 'var_spec_list' ? spec.parent.parent : spec.parent;
    if (declaration?.parent?.type !== 'source_file') continue;
    const value = spec.childForFieldName('value')?.text ?? '';
    const type = spec.childForFieldName('type')?.type;
    if (type !== 'map_type' && type !== 'slice_type' && !/^(?:make\(\s*)?(?:map\[|\[\])/.test(value)) continue;
    for (const name of spec.childrenForFieldName('name')) if (name) maps.add(name.text);
  }
  return maps;
}

/** The collection a statement writes: `m[k] = v`, `m[k]++`, `delete(m, k)`, `s = append(s, v)`. */
function writtenCollection(node: Node): string | undefined {
  if (node.type === 'call_expression') return calleeText(node) === 'delete' ? (node.childForFieldName('arguments')?.namedChildren[0]?.text ?? undefined) : undefined;
  const target = node.type === 'inc_statement' || node.type === 'dec_statement' ? node.namedChildren[0] : node.childForFieldName('left')?.namedChildren[0];
  if (target?.type === 'index_expression') return target.childForFieldName('operand')?.text ?? undefined;
  const value = node.type === 'assignment_statement' ? node.childForFieldName('right')?.namedChildren[0] : undefined;
  return target?.type === 'identifier' && value?.type === 'call_expression' && calleeText(value) === 'append' ? target.text : undefined;
}

/** Whether `name` is a parameter of `fn` or declared in it (`name :=`, `a, name :=`, `var name`): a local, not shared. */
function declaredIn(fn: Node, name: string): boolean {
  const word = new RegExp(`\\b${name}\\b`);
  const declared = new RegExp(`\\b${name}\\b(?:\\s*,\\s*[\\w.]+)*\\s*:=|\\bvar\\s+${name}\\b`);
  return word.test(fn.childForFieldName('parameters')?.text ?? '') || declared.test(fn.childForFieldName('body')?.text ?? '');
}

/** The functions that take a lock (`mu.Lock()`, `roomsMu.RLock()`) somewhere in their body. */
function lockingFunctions(index: SyntaxIndex): Node[] {
  const functions = new Map<number, Node>();
  for (const call of index.of('call_expression')) {
    if (!/\.R?Lock$/.test(calleeText(call))) continue;
    const fn = ancestor(call, FUNCTIONS);
    if (fn) functions.set(fn.id, fn);
  }
  return [...functions.values()];
}

/** Whether `fn` runs concurrently: a handler, a literal started with `go`, or a declared function some `go` statement calls. */
function runsConcurrently(fn: Node, started: ReadonlySet<string>): boolean {
  if (GO_HANDLER_PARAMETER.test(fn.childForFieldName('parameters')?.text ?? '')) return true;
  if (fn.type === 'func_literal') return fn.parent?.type === 'call_expression' && fn.parent.parent?.type === 'go_statement';
  return started.has(fn.childForFieldName('name')?.text ?? '');
}

const sharedMap: SyntaxRule = {
  id: 'go/shared-collection-without-lock',
  languages: ['go'],
  ...TEACHING,
  types: ['var_spec', 'go_statement', 'assignment_statement', 'inc_statement', 'dec_statement', 'call_expression'],
  mentions: /\bmap\[|\[\]|\bappend\(|\bdelete\(/,
  find(index, file) {
    const maps = packageCollections(index);
    // A file that thought about concurrency (a mutex, a sync.Map, atomics) is held to its own habit:
    // a collection it locks somewhere may not be written elsewhere without the lock. A WaitGroup
    // waits for goroutines; it guards nothing.
    const locking = /\bsync\.(?:Mutex|RWMutex|Map)\b|\.R?Lock\(\)|\batomic\./.test(file.text);
    const locked = lockingFunctions(index);
    const started = new Set(index.of('go_statement').map((statement) => calleeText(statement.namedChildren[0] as Node)));
    const hits: SyntaxHit[] = [];
    const reported = new Set<string>();
    for (const node of ['assignment_statement', 'inc_statement', 'dec_statement', 'call_expression'].flatMap((type) => index.of(type)).sort((a, b) => a.startIndex - b.startIndex)) {
      const map = writtenCollection(node);
      const fn = map && !reported.has(map) ? ancestor(node, FUNCTIONS) : undefined;
      // Declared at the top of this file, or of another file of the package: written here and declared nowhere in the function.
      // (A plain name: `sess.Values[k]` writes a field of a local.)
      if (map && fn && !maps.has(map) && !(fn.type === 'function_declaration' && /^\w+$/.test(map) && !declaredIn(fn, map))) continue;
      if (!map || !fn || !runsConcurrently(fn, started)) continue;
      if (!locking) {
        reported.add(map);
        hits.push({ node, message: `\`${map}\` is package-level and written here, on a goroutine of its own, with no lock: two writes at once crash the program or lose one.` });
        continue;
      }
      const uses = new RegExp(`\\b${map}\\b`);
      const guarded = locked.find((other) => other.id !== fn.id && uses.test(other.text));
      if (locked.some((other) => other.id === fn.id) || !guarded) continue;
      reported.add(map);
      hits.push({ node, message: `\`${map}\` is locked where line ${guarded.startPosition.row + 1}'s function uses it, but written here, on a goroutine of its own, without the lock: a read and a write at once crash the program.` });
    }
    return hits;
  },
};

/** Collections that are not safe to change from two threads: the plain ones of java.util. */
const UNSAFE_COLLECTION = /^(?:ArrayList|LinkedList|HashMap|LinkedHashMap|TreeMap|HashSet|LinkedHashSet|TreeSet|List|Map|Set)\b/;
/** A file whose code runs on several threads: its own threads, a pool, or a servlet (one thread per request). */
const RUNS_THREADS = /\bextends\s+(?:Thread|HttpServlet)\b|\bimplements\s+[\w\s,]*\bRunnable\b|\bnew\s+Thread\s*\(|\bExecutorService\b|\bExecutors\./;
/** Calls that change a collection. */
const CHANGES = /^(?:add|addAll|remove|removeIf|put|putAll|clear|set)$/;
/** Any sign the author thought about threads: a lock, a synchronized block or method, a concurrent collection. */
const GUARDED = /\bsynchronized\b|\bCollections\.synchronized|\bConcurrent\w+|\bCopyOnWrite\w+|\bLock\b|\bReentrantLock\b|\bAtomic\w+|\bvolatile\b/;

/**
 * Java: a static collection of java.util changed by code that runs on several threads (a chat
 * server's `static ArrayList<ClientHandler> clients` added to by the accept loop while each client's
 * thread loops over it), in a file with no lock anywhere; or a server's field of its connections,
 * static or not, added to in the loop that accepts them and walked by a for-each (the broadcast),
 * whose threads may be started in another file. A client joining mid-broadcast throws
 * ConcurrentModificationException in another's thread; two adds at once lose one. Reported at the
 * field, where the fix goes.
 */
const sharedJavaCollection: SyntaxRule = {
  id: 'java/shared-collection-without-lock',
  languages: ['java'],
  ...TEACHING,
  docsUrl: 'https://docs.oracle.com/javase/tutorial/essential/concurrency/collections.html',
  fix: 'Make the field a collection built for threads (`new CopyOnWriteArrayList<>()` for a list read far more than changed, `new ConcurrentHashMap<>()` for a map), or guard every use with `synchronized (clients) { ... }`',
  types: ['field_declaration', 'method_invocation', 'while_statement', 'enhanced_for_statement'],
  mentions: /\bstatic\b|\.accept\(\)/,
  find(index, file) {
    if (GUARDED.test(file.text)) return lockedAllButOnce(index, file.text);
    const threads = RUNS_THREADS.test(file.text);
    const acceptLoops = index.of('while_statement').filter((loop) => /\.accept\(\)/.test(loop.childForFieldName('body')?.text ?? ''));
    const hits: SyntaxHit[] = [];
    for (const field of index.of('field_declaration')) {
      const modifiers = field.namedChildren.find((child) => child?.type === 'modifiers')?.text ?? '';
      if (!UNSAFE_COLLECTION.test(field.childForFieldName('type')?.text ?? '')) continue;
      const isStatic = /\bstatic\b/.test(modifiers);
      for (const declarator of field.childrenForFieldName('declarator')) {
        const name = declarator?.childForFieldName('name')?.text;
        const changes = name === undefined ? [] : index.of('method_invocation').filter((call) => call.childForFieldName('object')?.text === name && CHANGES.test(call.childForFieldName('name')?.text ?? ''));
        // A server's own list of its connections: added to by the accept loop, walked by a broadcast, each connection served by a thread of its own.
        const walked = index.of('enhanced_for_statement').some((loop) => loop.childForFieldName('value')?.text === name);
        const byAcceptLoop = walked && changes.some((call) => acceptLoops.some((loop) => call.startIndex >= loop.startIndex && call.endIndex <= loop.endIndex));
        if ((isStatic && threads && changes.length > 0) || byAcceptLoop) {
          hits.push({ node: field, message: `\`${name}\`, ${isStatic ? 'a static ' : 'an '}${field.childForFieldName('type')?.text ?? 'collection'}, is changed while other threads use it, and nothing in this file locks it.` });
        }
      }
    }
    return hits;
  },
};

/** Whether `node` runs holding a lock: in a `synchronized` block or method. */
function holdsLock(node: Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'synchronized_statement') return true;
    if (at.type === 'method_declaration') return /\bsynchronized\b/.test(at.namedChildren.find((child) => child?.type === 'modifiers')?.text ?? '');
  }
  return false;
}

/**
 * A collection whose uses hold a lock (`synchronized broadcast`, `synchronized removeClient`) but
 * which one change makes without it: the accept loop's `clients.add(handler)`. The author knew the
 * list is shared; this call slipped past. Reported at that call.
 */
function lockedAllButOnce(index: SyntaxIndex, text: string): SyntaxHit[] {
  const hits: SyntaxHit[] = [];
  for (const field of index.of('field_declaration')) {
    if (!UNSAFE_COLLECTION.test(field.childForFieldName('type')?.text ?? '')) continue;
    for (const declarator of field.childrenForFieldName('declarator')) {
      const name = declarator?.childForFieldName('name')?.text;
      // Made here as a plain java.util collection (a `List<E> base` handed in may be a thread-safe one), and not wrapped or replaced by one later.
      if (!name || !/^new\s+(?:ArrayList|LinkedList|HashMap|LinkedHashMap|TreeMap|HashSet|LinkedHashSet|TreeSet)\b/.test(declarator?.childForFieldName('value')?.text ?? '') || new RegExp(`\\b${name}\\s*=\\s*(?:new\\s+(?:Concurrent|CopyOnWrite)|Collections\\.synchronized)`).test(text)) continue;
      const uses = [...index.of('method_invocation').filter((call) => call.childForFieldName('object')?.text === name), ...index.of('enhanced_for_statement').filter((loop) => loop.childForFieldName('value')?.text === name)];
      const unlocked = uses.find((use) => use.type === 'method_invocation' && CHANGES.test(use.childForFieldName('name')?.text ?? '') && !holdsLock(use));
      const locked = uses.filter(holdsLock);
      if (unlocked && locked.length > 0) hits.push({ node: unlocked, message: `\`${unlocked.text.slice(0, 40)}\` changes \`${name}\` without the lock its other ${locked.length === 1 ? 'use holds' : `${locked.length} uses hold`}: a change here can land in the middle of one of them.` });
    }
  }
  return hits;
}

export const SHARED_COLLECTION_RULES: readonly SyntaxRule[] = [sharedMap, sharedJavaCollection];
