import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, EXPRESS_ROUTE } from './ecmascript-grammar.js';
import { PYTHON_ROUTE_DECORATOR } from './python-grammar.js';
import { calleeText, code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A route that changes data without the login check the file's other routes have: `@app.route
 * ('/blog/<id>', methods=['GET', 'POST'])` over `def delete_blog(id)`, while `main_page`,
 * `view_post`, `like_post` and `logout` each carry `@login_required`; or
 * `router.delete('/posts/:id', deletePost)` beside `router.post('/posts', auth, createPost)`. Anyone,
 * signed in or not, can delete any post. Found only where at least two routes of the file are
 * guarded (the file's own habit, forgotten here) and the unguarded one changes something: its
 * method is DELETE, PUT or PATCH, or its name says it deletes, edits or updates. Sign-up, sign-in
 * and the like are meant to be open and are left alone.
 */

const TEACHING = {
  concern: 'security',
  failure: 'certain',
  title: 'route that changes data without the login check',
  question: 'The other routes here check who is signed in: who can call this one, and what can they change?',
  docsUrl: 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/',
} as const;

const MIN_GUARDED = 2;
/** What a login check is called: flask_login's, flask_jwt_extended's, Django's, Express middlewares'. */
const GUARD = /^(?:\w+\.)?(?:login_required|jwt_required|auth_required|token_required|admin_required|permission_required|roles?_required|requires_auth|auth|authenticate\w*|protect|verify\w*|requireAuth|requireLogin|isAuthenticated|isLoggedIn|ensureAuth\w*|checkAuth|authorize\w*|passport\.authenticate)$/i;
/** What a route that changes something is called. */
const CHANGES = /delete|remove|destroy|drop|edit|update|modify/i;
/** Routes that are open by design. */
const OPEN = /log_?in|sign_?in|sign_?up|register|log_?out|forgot|reset|recover|verify|callback|health|public|home|index/i;

/** A Python view: its route decorator's text, whether it is guarded, its name. */
function pythonViews(definitions: Node[]): Array<{ node: Node; route: string; guarded: boolean; name: string }> {
  return definitions.flatMap((definition) => {
    const decorators = code(definition.namedChildren).filter((child) => child.type === 'decorator');
    const route = decorators.find((decorator) => PYTHON_ROUTE_DECORATOR.test(decorator.text));
    if (!route) return [];
    const guarded = decorators.some((decorator) => GUARD.test(decorator.text.replace(/^@\s*/, '').replace(/\(.*$/s, '').trim()));
    const name = definition.childForFieldName('definition')?.childForFieldName('name')?.text ?? '';
    return [{ node: definition, route: route.text, guarded, name }];
  });
}

function changesData(method: string, name: string, path: string): boolean {
  if (OPEN.test(name) || OPEN.test(path)) return false;
  return /\b(?:DELETE|PUT|PATCH)\b/i.test(method) || CHANGES.test(name) || CHANGES.test(path);
}

const pythonLoginForgotten: SyntaxRule = {
  id: 'python/login-check-forgotten',
  languages: ['python'],
  ...TEACHING,
  fix: 'Guard it as the others are: `@login_required` under the route decorator, and check the record belongs to `current_user` before changing it',
  types: ['decorated_definition'],
  mentions: /_required\b|requires_auth/,
  find(index, file) {
    // `@app.before_request` may guard every route at once.
    if (/@\s*\w+\.before_request\b/.test(file.text)) return [];
    const views = pythonViews(index.of('decorated_definition'));
    if (views.filter((view) => view.guarded).length < MIN_GUARDED) return [];
    return views
      .filter((view) => !view.guarded && changesData(/methods\s*=\s*\[([^\]]*)\]/.exec(view.route)?.[1] ?? view.route, view.name, /\(\s*['"]([^'"]*)/.exec(view.route)?.[1] ?? ''))
      .map((view): SyntaxHit => ({ node: view.node, message: `\`${view.name}\` changes data with no login check, while ${views.filter((other) => other.guarded).length} other routes in this file have one.` }));
  },
};


const jsLoginForgotten: SyntaxRule = {
  id: 'js/login-check-forgotten',
  languages: ECMASCRIPT,
  ...TEACHING,
  fix: 'Pass the same middleware the other routes use (`router.delete("/posts/:id", auth, deletePost)`), and check the record belongs to `req.user` before changing it',
  types: ['call_expression'],
  mentions: /\.(?:delete|put|patch|post)\s*\(/,
  find(index) {
    const calls = index.of('call_expression');
    // `router.use(auth)` guards every route after it.
    if (calls.some((call) => /\.use$/.test(calleeText(call)) && code(call.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => GUARD.test(arg.type === 'call_expression' ? calleeText(arg) : arg.text)))) return [];
    const routes = calls.flatMap((call) => {
      const method = EXPRESS_ROUTE.exec(calleeText(call))?.[1];
      const args = code(call.childForFieldName('arguments')?.namedChildren ?? []);
      const [path, ...handlers] = args;
      if (!method || path?.type !== 'string' || handlers.length === 0) return [];
      // Middleware before the last handler, by name: `auth`, `verifyToken`, `passport.authenticate('jwt')`.
      const guarded = handlers.slice(0, -1).some((handler) => GUARD.test(handler.type === 'call_expression' ? calleeText(handler) : handler.text));
      const last = handlers.at(-1)!;
      return [{ node: call, method, path: path.text.slice(1, -1), guarded, name: last.type === 'identifier' || last.type === 'member_expression' ? last.text : '' }];
    });
    if (routes.filter((route) => route.guarded).length < MIN_GUARDED) return [];
    return routes
      .filter((route) => !route.guarded && changesData(route.method, route.name, route.path))
      .map((route): SyntaxHit => ({ node: route.node, message: `\`${route.method.toUpperCase()} ${route.path}\` changes data with no login check, while ${routes.filter((other) => other.guarded).length} other routes in this file have one.` }));
  },
};

export const LOGIN_FORGOTTEN_RULES: readonly SyntaxRule[] = [pythonLoginForgotten, jsLoginForgotten];
