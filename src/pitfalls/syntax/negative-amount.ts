import type { Node } from 'web-tree-sitter';
import { PYTHON_FUNCTIONS } from './python-grammar.js';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT, FUNCTIONS, FUNCTION_VALUES } from './ecmascript-grammar.js';
import { ancestor, calleeText, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * An amount someone types, checked against the balance it comes out of and never against zero:
 * `if (sCoins < args[1]) return message.reply("not enough")`, then `sCoins - parseInt(args[1])`
 * for the giver and `+` for the receiver; `if amount > self.balance: ... else: self.balance -=
 * amount`. The check shows the author thought about bad amounts; `!give @friend -1000` passes it
 * and takes 1,000 from the friend, a withdrawal of -50 pays in. Found where a value that comes
 * from outside the function (a parameter named for an amount, a command's `args[1]`,
 * `req.body.amount`, `input()`, `scanner.nextDouble()`) is subtracted from something named for
 * money (a balance, coins, a wallet), and compared in that function with something other than a
 * number but never with a number (`amount <= 0`), nor passed through `abs` or `max`. An amount read
 * from input right there (`cash = int(input(...))`) and not compared at all is found too, at the
 * subtraction; a parameter with no check at all is left to its caller, which may have checked it.
 */

/** Correctness (a withdrawal of -50 pays in); security when the amount goes from one user to another (`!give @friend -1000` takes from the friend). */
const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'amount never checked to be positive',
  question: 'What happens to the balance when the amount typed is -1000?',
  docsUrl: 'https://owasp.org/www-community/vulnerabilities/Improper_Data_Validation',
} as const;

/** Names and keys of what holds money: a balance, a wallet, a user's coins (not a token bucket's capacity). */
const MONEY = /money|coins?(?![a-z])|credit|balance|fund|cash|wallet|gold|bank|["']won["']|dollar|gems?(?![a-z])|saldo|points(?![a-z])/i;
/** A balance shortened to `bal` (`authorBal.bal`, `user_bal`), as a word or a camelCase part: not `global`. */
const BAL = /\bbal\b|[a-z]Bal\b|_bal\b/
const holdsMoney = (text: string): boolean => MONEY.test(text) || BAL.test(text);

/** Names of an amount someone gives, sends, bets or takes out. */
const AMOUNT_GIVEN = /amount|amt(?![a-z])|money|coins?(?![a-z])|quantity|qty|bet(?![a-z])|wager|stake|withdraw|deposit|transfer|give|points(?![a-z])|credits?(?![a-z])/i;

interface AmountGrammar {
  languages: readonly ParsedLanguage[];
  /** Arithmetic (`a - b`, `a + b`) and its in-place form (`a -= b`), both with `left`, `operator` and `right` fields. */
  arithmetic: string;
  inPlace: string;
  /** Comparisons: `a < b` as a binary expression (JavaScript) or a comparison chain (Python). */
  comparison: string;
  /** The two sides of each ordering comparison in `node` (a Python chain has several). */
  ordered(node: Node): Array<[Node, Node]>;
  functions: ReadonlySet<string>;
  /** The names a function's parameters bind (not `self`). */
  parameters(fn: Node): string[];
  /** Declarations and assignments, `name = value`, read as [name, value] nodes by `assigned`. */
  assignments: readonly string[];
  assigned(node: Node): [Node, Node] | undefined;
  /** Calls that keep an amount's value or sign: conversions (`parseInt(x)`, `float(x)`), read through. */
  conversion: RegExp;
  /** Calls that make an amount positive (`Math.abs(x)`, `max(0, x)`). */
  bounding: RegExp;
  /** Values typed by whoever runs the code: a command's arguments, a request's body, `input()`. */
  input: RegExp;
  number: ReadonlySet<string>;
}

const ORDERING = new Set(['<', '<=', '>', '>=']);

/** `parseInt(args[1])` read as `args[1]`: the text of the value under any conversions. */
function amountText(node: Node, grammar: AmountGrammar): string {
  let at = node;
  for (;;) {
    if (at.type === 'parenthesized_expression' && at.namedChildCount === 1) {
      at = at.namedChildren[0]!;
      continue;
    }
    const args = at.childForFieldName('arguments')?.namedChildren.filter((arg) => arg !== null && arg.type !== 'comment') ?? [];
    if (args.length === 0 || !grammar.conversion.test(calleeText(at))) break;
    at = args[0]!;
  }
  return at.text.replace(/\s+/g, '');
}

function isNumber(node: Node, grammar: AmountGrammar): boolean {
  const inner = node.type === 'unary_expression' || node.type === 'unary_operator' ? (node.namedChildren[0] ?? node) : node;
  return grammar.number.has(inner.type);
}

/** Whether `amount` is read from input right here (`input()`, `args[1]`, `scanner.nextInt()`), not handed in by a caller that may have checked it. */
function typedIn(amount: string, scope: Node, index: SyntaxIndex, grammar: AmountGrammar): boolean {
  return (
    grammar.input.test(amount) ||
    grammar.assignments.some((type) => index.of(type, scope).some((node) => {
      const pair = grammar.assigned(node);
      // `answers.amount` where `answers = await inquirer.prompt(...)`: a field of what was typed in
      // (not picked from the program's own `choices: [5000, 10000]`).
      return pair !== undefined && (pair[0].text === amount || amount.startsWith(`${pair[0].text}.`)) && grammar.input.test(amountText(pair[1], grammar)) && !/\bchoices\s*:/.test(pair[1].text);
    }))
  );
}

/**
 * Whether `amount` is typed by whoever runs the code: read from input in `scope`, or a parameter
 * named for an amount given (`amount`, `moneytogive`; not `cost` or `price`, which the program's own
 * menu supplies).
 */
function fromOutside(amount: string, scope: Node, fn: Node | undefined, index: SyntaxIndex, grammar: AmountGrammar): boolean {
  return (fn !== undefined && AMOUNT_GIVEN.test(amount) && grammar.parameters(fn).includes(amount)) || typedIn(amount, scope, index, grammar);
}

function amountRule(id: string, grammar: AmountGrammar, fix: string): SyntaxRule {
  return {
    id,
    languages: grammar.languages,
    ...TEACHING,
    fix,
    types: [grammar.arithmetic, grammar.inPlace, grammar.comparison, ...grammar.assignments],
    // A first sieve only: `holdsMoney` decides.
    mentions: new RegExp(`${MONEY.source}|bal\\b`, 'i'),
    find(index) {
      const hits: SyntaxHit[] = [];
      /** Amounts reported, per function: the same `amount` in a withdrawal and in a transfer is two faults. */
      const reported = new Set<string>();
      const subtractions = [...index.of(grammar.arithmetic), ...index.of(grammar.inPlace)].filter((node) => /^-=?$/.test(node.childForFieldName('operator')?.text ?? ''));
      for (const node of subtractions.sort((a, b) => a.startIndex - b.startIndex)) {
        const from = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!from || !right || isNumber(right, grammar)) continue;
        const amount = amountText(right, grammar);
        const fn = ancestor(node, grammar.functions);
        const scope = fn ?? node.tree.rootNode;
        const key = `${scope.id}:${amount}`;
        if (reported.has(key) || !holdsMoney(from.text)) continue;
        const checks = index.of(grammar.comparison, scope).flatMap((comparison) =>
          grammar.ordered(comparison).flatMap(([a, b]) => (amountText(a, grammar) === amount ? [{ comparison, other: b }] : amountText(b, grammar) === amount ? [{ comparison, other: a }] : [])),
        );
        const balanceCheck = checks.find(({ other }) => !isNumber(other, grammar));
        const checkedAgainstNumber = checks.some(({ other }) => isNumber(other, grammar));
        const bounded = new RegExp(`${grammar.bounding.source}\\([^)]*${amount.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(scope.text.replace(/\s+/g, ''));
        if (checkedAgainstNumber || bounded) continue;
        const holder = from.text.slice(0, 40);
        // Added to someone else as well: a transfer, which anyone can turn against another user (a
        // deposit into the same balance, elsewhere in a menu, is not one).
        const transfer = [...index.of(grammar.arithmetic, scope), ...index.of(grammar.inPlace, scope)].some((other) => {
          if (!/^\+=?$/.test(other.childForFieldName('operator')?.text ?? '')) return false;
          const sides = [other.childForFieldName('left'), other.childForFieldName('right')];
          const added = sides.find((side) => side !== null && amountText(side, grammar) === amount);
          const to = other.type === grammar.inPlace ? other.childForFieldName('left') : sides.find((side) => side !== added);
          return added !== undefined && to?.text !== from.text;
        });
        const concern = transfer ? ({ concern: 'security' } as const) : {};
        if (balanceCheck && fromOutside(amount, scope, fn, index, grammar)) {
          // Reported at the check: it is where the author thought about bad amounts, and where the fix goes.
          hits.push({
            ...concern,
            node: balanceCheck.comparison,
            message: `\`${amount}\` is checked against a balance here but never against zero: a negative amount passes, and line ${node.startPosition.row + 1}'s subtraction adds to \`${holder}\` instead.`,
          });
        } else if (checks.length === 0 && typedIn(amount, scope, index, grammar)) {
          hits.push({ ...concern, node, message: `\`${amount}\` is typed in and comes off \`${holder}\` unchecked: nothing stops more than the balance, and a negative amount adds instead.` });
        } else {
          continue;
        }
        reported.add(key);
      }
      return hits;
    },
  };
}

/** JavaScript's and Java's `a < b`: a binary expression with an ordering operator. */
function binaryOrdering(node: Node): Array<[Node, Node]> {
  const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')];
  return left && right && ORDERING.has(node.childForFieldName('operator')?.text ?? '') ? [[left, right]] : [];
}

/** `const x = v` (name, value) and `x = v` (left, right), in every grammar here. */
function declaredOrAssigned(node: Node): [Node, Node] | undefined {
  const name = node.childForFieldName('name') ?? node.childForFieldName('left');
  const value = node.childForFieldName('value') ?? node.childForFieldName('right');
  return name && value && (node.type !== 'assignment_expression' || /^=$/.test(node.childForFieldName('operator')?.text ?? '=')) ? [name, value] : undefined;
}

const jsParameters = (fn: Node): string[] => {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [params.text];
  const names: string[] = [];
  const visit = (node: Node): void => {
    // A default value is not a name the caller gives.
    if (node.type === 'assignment_pattern') return visit(node.childForFieldName('left') ?? node);
    if (node.type === 'identifier' || node.type === 'shorthand_property_identifier_pattern') names.push(node.text);
    for (const child of node.namedChildren) if (child && child.type !== 'type_annotation') visit(child);
  };
  visit(params);
  return names;
};

const ecmascriptNegativeAmount = amountRule(
  'js/amount-not-checked-positive',
  {
    languages: ECMASCRIPT,
    arithmetic: 'binary_expression',
    inPlace: 'augmented_assignment_expression',
    comparison: 'binary_expression',
    ordered: binaryOrdering,
    functions: new Set([...FUNCTIONS, ...FUNCTION_VALUES]),
    parameters: jsParameters,
    assignments: ['variable_declarator', 'assignment_expression'],
    assigned: declaredOrAssigned,
    conversion: /^(?:parseInt|parseFloat|Number|Math\.(?:floor|round|trunc|ceil)|BigInt)$/,
    bounding: /(?:Math\.abs|Math\.max)/,
    input: /^(?:args\[\d+\]|argv\[\d+\]|process\.argv\[\d+\]|req\.(?:body|query|params)\.\w+|request\.(?:body|query|params)\.\w+|interaction\.options\.\w+\(.*\)|(?:await)?(?:inquirer\.prompt|prompts?|readlineSync\.question\w*)\(.*\))$/s,
    number: new Set(['number']),
  },
  'Refuse amounts that are not positive whole numbers before the balance check: `const amount = Number(args[1]); if (!Number.isInteger(amount) || amount <= 0) return message.reply(...)`',
);

const pythonParameters = (fn: Node): string[] =>
  (fn.childForFieldName('parameters')?.namedChildren ?? [])
    .map((param) => (param?.type === 'identifier' ? param.text : (param?.childForFieldName('name')?.text ?? param?.namedChildren.find((child) => child?.type === 'identifier')?.text)))
    .filter((name): name is string => name !== undefined && name !== 'self' && name !== 'cls');

const pythonNegativeAmount = amountRule(
  'python/amount-not-checked-positive',
  {
    languages: ['python'],
    arithmetic: 'binary_operator',
    inPlace: 'augmented_assignment',
    comparison: 'comparison_operator',
    ordered: (node) => {
      const operands = node.namedChildren.filter((child): child is Node => child !== null);
      const operators = node.children.filter((child): child is Node => child !== null && !child.isNamed).map((child) => child.text);
      return operands.slice(1).flatMap((right, i) => (ORDERING.has(operators[i] ?? '') ? [[operands[i]!, right] as [Node, Node]] : []));
    },
    functions: PYTHON_FUNCTIONS,
    parameters: pythonParameters,
    assignments: ['assignment'],
    assigned: declaredOrAssigned,
    conversion: /^(?:int|float|Decimal|round)$/,
    bounding: /(?:abs|max)/,
    input: /^(?:input\(.*\)|request\.(?:form|args|values|json)(?:\[.+\]|\.get\(.+\))|sys\.argv\[\d+\])$/,
    number: new Set(['integer', 'float']),
  },
  'Refuse amounts that are not positive before the balance check: `if amount <= 0: raise ValueError("amount must be positive")`',
);

const javaParameters = (fn: Node): string[] =>
  (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((param) => (param?.type === 'formal_parameter' ? [param.childForFieldName('name')?.text ?? ''] : []));

const javaNegativeAmount = amountRule(
  'java/amount-not-checked-positive',
  {
    languages: ['java'],
    arithmetic: 'binary_expression',
    inPlace: 'assignment_expression',
    comparison: 'binary_expression',
    ordered: binaryOrdering,
    functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
    parameters: javaParameters,
    assignments: ['variable_declarator', 'assignment_expression'],
    assigned: declaredOrAssigned,
    conversion: /^(?:Integer\.parseInt|Double\.parseDouble|Float\.parseFloat|Long\.parseLong|new BigDecimal)$/,
    bounding: /(?:Math\.abs|Math\.max)/,
    input: /^(?:\w+\.next(?:Int|Double|Float|Long|BigDecimal)\(\)|\w+\.getParameter\(.+\))$/,
    number: new Set(['decimal_integer_literal', 'decimal_floating_point_literal']),
  },
  'Refuse amounts that are not positive before the balance check: `if (amount <= 0) throw new IllegalArgumentException("amount must be positive");`',
);

export const NEGATIVE_AMOUNT_RULES: readonly SyntaxRule[] = [ecmascriptNegativeAmount, pythonNegativeAmount, javaNegativeAmount];
