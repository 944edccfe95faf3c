/**
 * `$filter` syntax (OData 4.01 §5.1.1 subset, graph.md §1.6): comparisons, `in`, function calls,
 * `and`/`or`/`not`, parentheses, string literals with doubled quotes, `true`/`false`/`null` and
 * bare literals (numbers, dates). Pure: produces a tree; what is supported, and on which
 * properties, is decided by `filter.ts`. Lambdas (`x/any(...)`) and functions used as operands
 * are kept as `unsupported` nodes so the message can name the property.
 */
import { graphErrors } from '../errors.js';

export type Literal =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null'; value: null }
  | { kind: 'literal'; type: 'bare'; value: string };
export type Operand = Literal | { kind: 'property'; path: string };

export type FilterNode =
  | { kind: 'compare'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'has'; left: Operand; right: Operand }
  | { kind: 'in'; left: Operand; values: Operand[] }
  | { kind: 'call'; name: string; args: Operand[] }
  | { kind: 'logical'; op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'unsupported'; subject: string };

interface Token {
  kind: '(' | ')' | ',' | 'string' | 'word' | 'end';
  text: string;
  pos: number;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has']);
const MAX_LENGTH = 4096;
const MAX_DEPTH = 32;

function syntaxError(pos: number, text: string) {
  return graphErrors.badRequest(`Invalid filter clause: Syntax error at position ${pos} in '${text}'.`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, pos: i++ });
    } else if (c === "'") {
      const start = i++;
      let value = '';
      for (;;) {
        if (i >= text.length) throw graphErrors.badRequest(`Invalid filter clause: There is an unterminated string literal at position ${start} in '${text}'.`);
        const d = text[i] as string;
        if (d === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: value, pos: start });
    } else {
      const start = i;
      while (i < text.length && !/[\s(),']/.test(text[i] as string)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

/** Parse `$filter`; throws 400 `BadRequest` for text that is not a filter expression. */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_LENGTH) throw graphErrors.unsupportedQuery('The $filter expression is too long.');
  const tokens = tokenize(text);
  let at = 0;
  let depth = 0;
  const peek = (offset = 0): Token => tokens[Math.min(at + offset, tokens.length - 1)] as Token;
  const next = (): Token => tokens[Math.min(at++, tokens.length - 1)] as Token;
  const isWord = (token: Token, word: string) => token.kind === 'word' && token.text.toLowerCase() === word;
  const expect = (kind: Token['kind']): Token => {
    const token = next();
    if (token.kind !== kind) throw syntaxError(token.pos, text);
    return token;
  };

  function skipParenthesized(): void {
    expect('(');
    for (let open = 1; open > 0; ) {
      const token = next();
      if (token.kind === 'end') throw syntaxError(token.pos, text);
      if (token.kind === '(') open++;
      if (token.kind === ')') open--;
    }
  }

  function operand(): Operand | { kind: 'unsupported'; subject: string } {
    const token = next();
    if (token.kind === 'string') return { kind: 'literal', type: 'string', value: token.text };
    if (token.kind !== 'word') throw syntaxError(token.pos, text);
    const lower = token.text.toLowerCase();
    if (peek().kind === '(') {
      skipParenthesized();
      return { kind: 'unsupported', subject: token.text };
    }
    if (lower === 'true' || lower === 'false') return { kind: 'literal', type: 'boolean', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', type: 'null', value: null };
    if (/^[-+]?[0-9]/.test(token.text)) return { kind: 'literal', type: 'bare', value: token.text };
    if (COMPARISONS.has(lower) || lower === 'and' || lower === 'or' || lower === 'not' || lower === 'in') throw syntaxError(token.pos, text);
    return { kind: 'property', path: token.text };
  }

  function primary(): FilterNode {
    const token = peek();
    if (token.kind === '(') {
      next();
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.kind === 'word' && peek(1).kind === '(') {
      next();
      // A lambda (`otherMails/any(c:c eq 'x')`) names its collection property before the slash.
      if (token.text.includes('/')) {
        skipParenthesized();
        return { kind: 'unsupported', subject: token.text.slice(0, token.text.indexOf('/')) };
      }
      expect('(');
      const args: Operand[] = [];
      while (peek().kind !== ')') {
        const arg = operand();
        if (arg.kind === 'unsupported') return arg;
        args.push(arg);
        if (peek().kind === ',') next();
        else break;
      }
      expect(')');
      // `startswith(x,'a') eq true` is valid OData but not something we translate.
      if (peek().kind === 'word' && COMPARISONS.has(peek().text.toLowerCase())) {
        next();
        operand();
        return { kind: 'unsupported', subject: args[0]?.kind === 'property' ? args[0].path : token.text };
      }
      return { kind: 'call', name: token.text.toLowerCase(), args };
    }
    const left = operand();
    if (left.kind === 'unsupported') return left;
    const op = next();
    const opWord = op.kind === 'word' ? op.text.toLowerCase() : '';
    if (opWord === 'in') {
      expect('(');
      const values: Operand[] = [];
      while (peek().kind !== ')') {
        const value = operand();
        if (value.kind === 'unsupported') return value;
        values.push(value);
        if (peek().kind === ',') next();
        else break;
      }
      expect(')');
      return { kind: 'in', left, values };
    }
    if (!COMPARISONS.has(opWord)) throw syntaxError(op.pos, text);
    const right = operand();
    if (right.kind === 'unsupported') return right;
    return { kind: 'compare', op: opWord as 'eq', left, right };
  }

  function unary(): FilterNode {
    if (++depth > MAX_DEPTH) throw graphErrors.unsupportedQuery('The $filter expression is too deeply nested.');
    try {
      if (isWord(peek(), 'not')) {
        next();
        return { kind: 'not', operand: unary() };
      }
      return primary();
    } finally {
      depth--;
    }
  }

  function and(): FilterNode {
    let left = unary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'logical', op: 'and', left, right: unary() };
    }
    return left;
  }

  function or(): FilterNode {
    let left = and();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'logical', op: 'or', left, right: and() };
    }
    return left;
  }

  const tree = or();
  const rest = peek();
  if (rest.kind !== 'end') throw syntaxError(rest.pos, text);
  return tree;
}
