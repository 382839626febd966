import Decimal from 'decimal.js';
import { RULE_VALUE_WORDS } from '../vocabulary/scoring';

/**
 * The arithmetic printed in 评分标准 cells (`60+40*(实际值-80%)/10%`, `(实际值/标准值)*5`),
 * parsed into a small tree and evaluated with decimals. Only numbers, percentages, + - * / ×
 * ÷, parentheses and the two variables are accepted: anything else makes the parse fail, so a
 * rule is never run as code and never half-read.
 */
export type Expr =
  | { kind: 'number'; value: Decimal }
  | { kind: 'variable'; name: 'actual' | 'target' }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

type Token = { kind: 'number'; value: Decimal } | { kind: 'variable'; name: 'actual' | 'target' } | { kind: 'op'; op: string };

function tokenize(source: string): Token[] | null {
  const s = source.replace(/[×xX]/g, '*').replace(/÷/g, '/').replace(/\s+/g, '');
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    const number = /^\d+(?:\.\d+)?%?/.exec(rest);
    if (number) {
      const text = number[0];
      // A percentage is a fraction: 80% is 0.8, as the rule's 实际值 of a rate is.
      tokens.push({ kind: 'number', value: text.endsWith('%') ? new Decimal(text.slice(0, -1)).div(100) : new Decimal(text) });
      i += text.length;
      continue;
    }
    const variable = RULE_VALUE_WORDS.find((v) => rest.startsWith(v.word));
    if (variable) {
      tokens.push({ kind: 'variable', name: variable.value });
      i += variable.word.length;
      continue;
    }
    if ('+-*/()'.includes(rest.charAt(0))) {
      tokens.push({ kind: 'op', op: rest.charAt(0) });
      i++;
      continue;
    }
    return null;
  }
  return tokens;
}

/** Parses an arithmetic expression; null when the text is anything else. */
export function parseExpression(source: string): Expr | null {
  const tokens = tokenize(source);
  if (!tokens || tokens.length === 0) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (op: string) => {
    const t = peek();
    return t?.kind === 'op' && t.op === op;
  };
  const primary = (): Expr | null => {
    const t = peek();
    if (!t) return null;
    pos++;
    if (t.kind === 'number') return { kind: 'number', value: t.value };
    if (t.kind === 'variable') return { kind: 'variable', name: t.name };
    if (t.op === '(') {
      const inner = sum();
      if (!inner || !isOp(')')) return null;
      pos++;
      return inner;
    }
    if (t.op === '-') {
      const operand = primary();
      return operand ? { kind: 'negate', operand } : null;
    }
    return null;
  };
  const product = (): Expr | null => {
    let left = primary();
    while (left && (isOp('*') || isOp('/'))) {
      const op = (peek() as { op: '*' | '/' }).op;
      pos++;
      const right = primary();
      left = right ? { kind: 'binary', op, left, right } : null;
    }
    return left;
  };
  const sum = (): Expr | null => {
    let left = product();
    while (left && (isOp('+') || isOp('-'))) {
      const op = (peek() as { op: '+' | '-' }).op;
      pos++;
      const right = product();
      left = right ? { kind: 'binary', op, left, right } : null;
    }
    return left;
  };
  const tree = sum();
  return tree && pos === tokens.length ? tree : null;
}

export interface Variables {
  actual: Decimal | null;
  target: Decimal | null;
}

/** Evaluates with decimals; null when a variable is unknown or a division is by zero. */
export function evaluate(expr: Expr, vars: Variables): Decimal | null {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'variable':
      return vars[expr.name];
    case 'negate': {
      const v = evaluate(expr.operand, vars);
      return v === null ? null : v.negated();
    }
    case 'binary': {
      const a = evaluate(expr.left, vars);
      const b = evaluate(expr.right, vars);
      if (a === null || b === null) return null;
      if (expr.op === '+') return a.plus(b);
      if (expr.op === '-') return a.minus(b);
      if (expr.op === '*') return a.times(b);
      return b.isZero() ? null : a.div(b);
    }
  }
}

/** True when the expression reads the given variable (a rule on 实际值 needs an actual). */
export function usesVariable(expr: Expr, name: 'actual' | 'target'): boolean {
  if (expr.kind === 'variable') return expr.name === name;
  if (expr.kind === 'negate') return usesVariable(expr.operand, name);
  if (expr.kind === 'binary') return usesVariable(expr.left, name) || usesVariable(expr.right, name);
  return false;
}
