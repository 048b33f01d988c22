import {
  type Comparison,
  type ComparisonOperator,
  type Literal,
  numericValue,
  type ParsedCondition,
  type PathSegment,
  type PlaceholderOperand,
} from '../../api/condition-syntax.ts';
import { NOT_CONNECTED_ERROR_KINDS, type Sample } from '../sample.ts';

export interface ConditionResult {
  /** null = not applicable: a placeholder is missing or a value cannot be compared. */
  breached: boolean | null;
  resolved: string;
}

const MAX_SHOWN_CHARS = 60;

// ── Evaluation ───────────────────────────────────────────────────────────────

/** A resolved operand; `undefined` means missing. */
type Value = Literal | object | undefined;

function ownValue(record: Record<string, unknown>, key: string): Value {
  return Object.hasOwn(record, key) ? (record[key] as Value) : undefined;
}

function walk(root: unknown, path: readonly PathSegment[]): Value {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (segment.index < 0 || segment.index >= current.length) return undefined;
      current = current[segment.index];
    } else {
      if (!Object.hasOwn(current, segment.key)) return undefined;
      current = (current as Record<string, unknown>)[segment.key];
    }
  }
  return current === undefined ? undefined : (current as Value);
}

function resolve(p: PlaceholderOperand, s: Sample): Value {
  switch (p.name) {
    case 'UP':
      return s.status !== 'down';
    case 'CONNECTED':
      return s.errorKind === undefined || !NOT_CONNECTED_ERROR_KINDS.has(s.errorKind);
    case 'STATUS':
      return s.httpStatus;
    case 'RESPONSE_TIME':
      return s.latencyMs ?? undefined;
    case 'BODY':
      return p.path.length === 0 ? s.bodyText : walk(s.body, p.path);
    case 'BALANCE':
      return ownValue(s.values, 'balance');
    case 'ERROR_CODE':
      return ownValue(s.values, 'error_code');
    case 'VALUE':
      return ownValue(s.values, (p.path[0] as PathSegment).key);
  }
}

function show(v: Value): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') {
    if (v.length === 0) return '""';
    let s = v.length > MAX_SHOWN_CHARS ? `${v.slice(0, MAX_SHOWN_CHARS - 1)}…` : v;
    if (s.includes('\n')) s = s.replaceAll('\n', ' ');
    if (s.includes('\r')) s = s.replaceAll('\r', ' ');
    return s;
  }
  if (typeof v === 'object') return Array.isArray(v) ? `array of ${v.length}` : 'object';
  return String(v);
}

function asNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return numericValue(v);
  return Number.NaN;
}

function equals(a: Value, b: Value, bNumber: number): boolean {
  if (a === null || b === null) return a === b;
  const an = asNumber(a);
  if (!Number.isNaN(an) && !Number.isNaN(bNumber)) return an === bNumber;
  if (typeof a === 'object' || typeof b === 'object') return false;
  return String(a) === String(b);
}

function contains(a: Value, b: Value, bText: string): boolean {
  if (a === null || a === undefined) return false;
  if (Array.isArray(a)) {
    const bn = asNumber(b);
    for (const item of a) if (equals(item as Value, b, bn)) return true;
    return false;
  }
  if (typeof a === 'object') return Object.hasOwn(a, bText);
  return (typeof a === 'string' ? a : String(a)).includes(bText);
}

/** true/false, or null when the values cannot be compared. */
function compare(
  operator: ComparisonOperator,
  a: Value,
  b: Value,
  bNumber: number,
  bText: string,
): boolean | null {
  if (a === undefined || b === undefined) return null;
  switch (operator) {
    case '==':
      return equals(a, b, bNumber);
    case '!=':
      return !equals(a, b, bNumber);
    case 'contains':
      return contains(a, b, bText);
    case '!contains':
      return !contains(a, b, bText);
  }
  const an = asNumber(a);
  if (Number.isNaN(an) || Number.isNaN(bNumber)) return null;
  switch (operator) {
    case '<':
      return an < bNumber;
    case '<=':
      return an <= bNumber;
    case '>':
      return an > bNumber;
    case '>=':
      return an >= bNumber;
  }
}

function evaluateComparison(c: Comparison, sample: Sample): ConditionResult {
  const left = c.left.kind === 'placeholder' ? resolve(c.left, sample) : c.left.value;
  const leftShown = c.left.kind === 'placeholder' ? `${c.left.source} (${show(left)})` : c.left.source;
  const right = c.right;
  let breached: boolean | null;
  let rightShown: string;
  if (right.kind === 'literal') {
    breached = compare(c.operator, left, right.value, right.number, right.text);
    rightShown = right.source;
  } else if (right.kind === 'placeholder') {
    const value = resolve(right, sample);
    const text = value === undefined || value === null || typeof value === 'object' ? '' : String(value);
    breached =
      typeof value === 'object' && value !== null
        ? null
        : compare(c.operator, left, value, asNumber(value), text);
    rightShown = `${right.source} (${show(value)})`;
  } else {
    rightShown = right.source;
    const negated = c.operator === '!=' || c.operator === '!contains';
    const positive = negated ? (c.operator === '!=' ? '==' : 'contains') : c.operator;
    let anyHolds: boolean | null = false;
    for (const item of right.items) {
      const r = compare(positive, left, item.value, item.number, item.text);
      if (r === null) anyHolds = null;
      else if (r) {
        anyHolds = true;
        break;
      }
    }
    breached = anyHolds === null ? null : negated ? !anyHolds : anyHolds;
  }
  return { breached, resolved: `${leftShown} ${c.operator} ${rightShown}` };
}

export function evaluateCondition(condition: ParsedCondition, sample: Sample): ConditionResult {
  if (condition.invalid !== undefined) {
    return { breached: null, resolved: `${condition.text} (invalid: ${condition.invalid})` };
  }
  const parts = condition.parts;
  if (parts.length === 1) return evaluateComparison(parts[0] as Comparison, sample);
  // Every part is resolved (not short-circuited) so the message shows all the values the user asked about.
  let breached: boolean | null = true;
  let resolved = '';
  for (let i = 0; i < parts.length; i++) {
    const r = evaluateComparison(parts[i] as Comparison, sample);
    if (r.breached === false) breached = false;
    else if (r.breached === null && breached === true) breached = null;
    resolved = i === 0 ? r.resolved : `${resolved} && ${r.resolved}`;
  }
  return { breached, resolved };
}
