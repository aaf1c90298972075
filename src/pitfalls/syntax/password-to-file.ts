import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * Passwords written to a file as they were typed: a password manager's `{"email": email,
 * "password": password}` saved with `json.dump(data, data_file)`, a sign-up that appends
 * `user,password` to a CSV. Anyone who can read the file (a backup, a synced folder, another
 * program of the user's) has every password. Found where the file builds a dict with a `password`
 * key from a variable and writes JSON or CSV, and nothing in it encrypts or hashes.
 */

/** A dict entry `"password": password` (or `pwd`, `user_password`): the value a variable, not a literal. */
const PASSWORD_ENTRY = /["'](?:\w*_)?pass(?:word|wd)?["']\s*:\s*[a-z_][\w.]*(?:\[[^\]]+\])?\s*[,}]/i;
/** Anything that protects what is written: encryption (Fernet, keyring, a cipher) or a password hash. */
const PROTECTED = /\b(?:Fernet|encrypt\w*|cipher\w*|keyring|hashlib|bcrypt|argon2|scrypt|pbkdf2\w*|generate_password_hash|make_password|hash\w*)\s*[.(]/;
/** Calls that write the records out. */
const WRITES = /^(?:json\.dump|pickle\.dump|yaml\.dump|yaml\.safe_dump|\w+\.writerow|\w+\.writerows)$/;

const passwordToFile: SyntaxRule = {
  id: 'python/password-written-to-file',
  languages: ['python'],
  concern: 'security',
  title: 'passwords written to a file as typed',
  question: 'Who else can read this file (a backup, a synced folder, another program), and what do they learn from it?',
  docsUrl: 'https://cryptography.io/en/latest/fernet/',
  fix: 'Never keep the password as typed: for a login, store a slow salted hash (`bcrypt`, `hashlib.scrypt`); for a password manager, encrypt the file with a key derived from a master password (`cryptography`\'s Fernet) or use the system keyring (`keyring`)',
  types: ['call'],
  mentions: PASSWORD_ENTRY,
  find(index, file) {
    if (PROTECTED.test(file.text)) return [];
    return index
      .of('call')
      .filter((call) => WRITES.test(calleeText(call)))
      .map((call): SyntaxHit => ({ node: call, message: `\`${calleeText(call)}\` writes records holding passwords as typed, and nothing in this file encrypts or hashes them.` }));
  },
};

/** A name that holds a password: `password`, `loginForm.password`, `pwd`, `userPass`. */
const PASSWORD_NAME = /(?:^|[^\w$])\w*(?:[Pp]ass(?:word|wd)?|PASS(?:WORD)?|pwd)\b/;
const BROWSER_STORAGE = /^(?:window\.)?(?:localStorage|sessionStorage)\.setItem$/;

/**
 * A password kept in the browser's storage: `localStorage.setItem('currentUser',
 * `${form.login}:${form.password}`)`. Every script the page runs can read localStorage (an
 * injected one, a compromised dependency), it stays on the disk after the tab is closed, and the
 * password is usually the one the user has everywhere. Found where `setItem` is given a value
 * that mentions a password, or a key that names one.
 */
const passwordInBrowserStorage: SyntaxRule = {
  id: 'js/password-in-browser-storage',
  languages: ECMASCRIPT,
  concern: 'security',
  title: 'password kept in the browser\'s storage',
  question: 'Which scripts on this page can read localStorage, and for how long does the password stay there?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#local-storage',
  fix: 'Send the password once, to log in, and keep only what the server gives back: a session cookie it sets `HttpOnly` (out of reach of scripts), or a short-lived token; never the password itself',
  types: ['call_expression'],
  mentions: /(?:local|session)Storage\.setItem/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      if (!BROWSER_STORAGE.test(calleeText(call))) continue;
      const [key, value] = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (!key || !value) continue;
      if (PASSWORD_NAME.test(value.text) || /pass(?:word|wd)?/i.test(key.type === 'string' ? key.text : '')) hits.push({ node: call, message: `\`${calleeText(call)}\` keeps a password where every script on the page can read it, on disk after the tab is closed.` });
    }
    return hits;
  },
};

export const PASSWORD_TO_FILE_RULES: readonly SyntaxRule[] = [passwordToFile, passwordInBrowserStorage];
