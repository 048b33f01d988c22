/**
 * Breach conditions, Gatus-style: `[BALANCE] < 10`, `[BODY].status != healthy`,
 * `[STATUS] == any(500, 503) && [RESPONSE_TIME] > 800`. A condition is TRUE when the rule is breached.
 * Parsed once; evaluation walks the parsed form without regexes.
 */

export type PlaceholderName =
  | 'UP'
  | 'CONNECTED'
  | 'STATUS'
  | 'RESPONSE_TIME'
  | 'BODY'
  | 'BALANCE'
  | 'ERROR_CODE'
  | 'VALUE';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | '!contains';
export type Literal = string | number | boolean | null;

/** One step of a `[BODY]` path: an object key, or an array index when `index` ≥ 0. */
export interface PathSegment {
  readonly key: string;
  readonly index: number;
}

export interface PlaceholderOperand {
  readonly kind: 'placeholder';
  readonly name: PlaceholderName;
  readonly path: readonly PathSegment[];
  readonly source: string;
}

export interface LiteralOperand {
  readonly kind: 'literal';
  readonly value: Literal;
  /** The literal as a string (for `contains` and string equality). */
  readonly text: string;
  /** The literal as a number, NaN when it is not numeric. */
  readonly number: number;
  readonly source: string;
}

export interface AnyOperand {
  readonly kind: 'any';
  readonly items: readonly LiteralOperand[];
  readonly source: string;
}

export interface Comparison {
  readonly left: PlaceholderOperand | LiteralOperand;
  readonly operator: ComparisonOperator;
  readonly right: PlaceholderOperand | LiteralOperand | AnyOperand;
}

export interface ParsedCondition {
  readonly text: string;
  /** All must hold for the condition to be breached. */
  readonly parts: readonly Comparison[];
  /** Set only for a stored condition that failed to parse: it is never applicable. */
  readonly invalid?: string;
}

export class ConditionSyntaxError extends Error {
  override readonly name = 'ConditionSyntaxError';
}

const PLACEHOLDERS: ReadonlySet<string> = new Set<PlaceholderName>([
  'UP',
  'CONNECTED',
  'STATUS',
  'RESPONSE_TIME',
  'BODY',
  'BALANCE',
  'ERROR_CODE',
  'VALUE',
]);

// ── Parsing ──────────────────────────────────────────────────────────────────

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isOperatorStart = (c: string | undefined) => c === '=' || c === '!' || c === '<' || c === '>';
/** Ends a bare key in a placeholder path. */
const endsWord = (c: string | undefined) =>
  c === undefined ||
  isSpace(c) ||
  isOperatorStart(c) ||
  c === '.' ||
  c === '[' ||
  c === ']' ||
  c === '&' ||
  c === '|';

/** Number(text) when text is a plain decimal number ("12.34", "-1", "1e-3"), else NaN. */
export function numericValue(text: string): number {
  if (text.length === 0) return Number.NaN;
  let digits = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits = true;
    else if (c !== 46 && c !== 43 && c !== 45 && c !== 101 && c !== 69) return Number.NaN; // . + - e E
  }
  return digits ? Number(text) : Number.NaN;
}

function literal(value: Literal, text: string, source: string): LiteralOperand {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? numericValue(value) : Number.NaN;
  return { kind: 'literal', value, text, number, source };
}

function bareLiteral(word: string): LiteralOperand {
  if (word === 'true') return literal(true, word, word);
  if (word === 'false') return literal(false, word, word);
  if (word === 'null') return literal(null, word, word);
  const n = numericValue(word);
  return Number.isNaN(n) ? literal(word, word, word) : literal(n, word, word);
}

class Parser {
  pos = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  fail(message: string): never {
    throw new ConditionSyntaxError(message);
  }

  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpaces(): void {
    while (isSpace(this.peek())) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  parse(): Comparison[] {
    this.skipSpaces();
    if (this.atEnd()) this.fail('condition is empty');
    const parts: Comparison[] = [];
    for (;;) {
      parts.push(this.comparison());
      this.skipSpaces();
      if (this.atEnd()) break;
      if (this.startsWith('||')) this.fail('"||" is not supported: add another rule instead');
      if (!this.startsWith('&&')) this.fail(`unexpected "${this.rest()}"`);
      this.pos += 2;
      this.skipSpaces();
      if (this.atEnd()) this.fail('missing condition after &&');
    }
    return parts;
  }

  rest(): string {
    const r = this.text.slice(this.pos).trim();
    return r.length > 30 ? `${r.slice(0, 29)}…` : r;
  }

  comparison(): Comparison {
    if (this.startsWith('&&')) this.fail('missing condition before &&');
    const left = this.leftOperand();
    this.skipSpaces();
    const operator = this.operator(left.source);
    this.skipSpaces();
    const right = this.rightOperand(operator);
    if (left.kind !== 'placeholder' && right.kind !== 'placeholder') {
      this.fail(
        `"${left.source} ${operator} ${right.source}" needs a placeholder such as [STATUS] or [BODY].field`,
      );
    }
    if (
      right.kind === 'any' &&
      (operator === '<' || operator === '<=' || operator === '>' || operator === '>=')
    ) {
      this.fail(`any(…) only works with ==, !=, contains and !contains, not ${operator}`);
    }
    return { left, operator, right };
  }

  leftOperand(): PlaceholderOperand | LiteralOperand {
    const c = this.peek();
    if (c === '[') return this.placeholder();
    if (c === '"') return this.quoted();
    const start = this.pos;
    for (
      let c = this.peek();
      c !== undefined && !isSpace(c) && !isOperatorStart(c) && c !== '&' && c !== '|';
    ) {
      c = this.text[++this.pos];
    }
    if (this.pos === start) this.fail(`expected a placeholder such as [STATUS] at "${this.rest()}"`);
    return bareLiteral(this.text.slice(start, this.pos));
  }

  rightOperand(operator: ComparisonOperator): PlaceholderOperand | LiteralOperand | AnyOperand {
    if (this.atEnd() || this.startsWith('&&')) this.fail(`missing value after ${operator}`);
    const c = this.peek();
    if (c === '[') return this.placeholder();
    if (c === '"') return this.quoted();
    if (this.startsWith('any(')) return this.anyOf();
    // A bare right-hand value runs to the next && so keywords may contain spaces: `[BODY] contains Service Unavailable`.
    const start = this.pos;
    let end = this.text.indexOf('&&', start);
    if (end < 0) end = this.text.length;
    const word = this.text.slice(start, end).trim();
    if (word.includes('||')) this.fail('"||" is not supported: add another rule instead');
    this.pos = start + this.text.slice(start, end).trimEnd().length;
    return bareLiteral(word);
  }

  operator(after: string): ComparisonOperator {
    const two = this.text.slice(this.pos, this.pos + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      this.pos += 2;
      return two;
    }
    const c = this.peek();
    if (c === '<' || c === '>') {
      this.pos++;
      return c;
    }
    for (const word of ['contains', '!contains'] as const) {
      if (
        this.startsWith(word) &&
        (isSpace(this.peek(word.length)) || this.pos + word.length === this.text.length)
      ) {
        this.pos += word.length;
        return word;
      }
    }
    if (c === '=') this.fail(`unknown operator "=" after ${after} (use ==)`);
    if (this.atEnd()) this.fail(`missing operator after ${after}`);
    if (this.startsWith('&&')) this.fail(`missing operator after ${after}`);
    this.fail(`missing operator after ${after} (found "${this.rest()}")`);
  }

  placeholder(): PlaceholderOperand {
    const start = this.pos;
    const close = this.text.indexOf(']', start);
    if (close < 0) this.fail(`unclosed "[" in "${this.rest()}"`);
    const name = this.text.slice(start + 1, close);
    if (!PLACEHOLDERS.has(name)) {
      const upper = name.toUpperCase();
      this.fail(
        PLACEHOLDERS.has(upper)
          ? `unknown placeholder [${name}] (did you mean [${upper}]?)`
          : `unknown placeholder [${name}]`,
      );
    }
    this.pos = close + 1;
    const path = this.path(name);
    const source = this.text.slice(start, this.pos);
    const placeholderName = name as PlaceholderName;
    if (path.length > 0 && placeholderName !== 'BODY' && placeholderName !== 'VALUE') {
      this.fail(`[${name}] has no fields: remove "${source.slice(name.length + 2)}"`);
    }
    if (placeholderName === 'VALUE' && (path.length !== 1 || path[0]?.index !== -1)) {
      this.fail('[VALUE] needs one name, e.g. [VALUE].burn_per_hour');
    }
    return { kind: 'placeholder', name: placeholderName, path, source };
  }

  path(name: string): PathSegment[] {
    const path: PathSegment[] = [];
    for (;;) {
      const c = this.peek();
      if (c === '.') {
        this.pos++;
        const start = this.pos;
        while (!endsWord(this.peek()) && this.peek() !== ')' && this.peek() !== ',') this.pos++;
        if (this.pos === start) this.fail(`missing field name after "[${name}]${this.pathText(path)}."`);
        const key = this.text.slice(start, this.pos);
        path.push({ key, index: isIndex(key) ? Number(key) : -1 });
      } else if (c === '[') {
        this.pos++;
        if (this.peek() === '"') {
          const key = this.quoted().value as string;
          if (this.peek() !== ']') this.fail(`unclosed "[" after [${name}]${this.pathText(path)}`);
          this.pos++;
          path.push({ key, index: -1 });
        } else {
          const close = this.text.indexOf(']', this.pos);
          const key = close < 0 ? '' : this.text.slice(this.pos, close);
          if (close < 0) this.fail(`unclosed "[" after [${name}]${this.pathText(path)}`);
          if (!isIndex(key))
            this.fail(`array index must be a whole number in "[${name}]${this.pathText(path)}[${key}]"`);
          this.pos = close + 1;
          path.push({ key, index: Number(key) });
        }
      } else return path;
    }
  }

  pathText(path: readonly PathSegment[]): string {
    return path.map((s) => (s.index >= 0 ? `[${s.index}]` : `.${s.key}`)).join('');
  }

  quoted(): LiteralOperand {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail(`unterminated string ${this.text.slice(start)}`);
      this.pos++;
      if (c === '"') break;
      if (c !== '\\') {
        value += c;
        continue;
      }
      const e = this.peek();
      this.pos++;
      if (e === 'n') value += '\n';
      else if (e === 't') value += '\t';
      else if (e === 'r') value += '\r';
      else if (e === '"' || e === '\\' || e === '/') value += e;
      else if (e === 'u') {
        const hex = this.text.slice(this.pos, this.pos + 4);
        const code = hex.length === 4 ? Number.parseInt(hex, 16) : Number.NaN;
        if (Number.isNaN(code) || !isHex(hex)) this.fail(`invalid escape "\\u${hex}" in string`);
        value += String.fromCharCode(code);
        this.pos += 4;
      } else this.fail(`invalid escape "\\${e ?? ''}" in string`);
    }
    return literal(value, value, this.text.slice(start, this.pos));
  }

  anyOf(): AnyOperand {
    this.pos += 4;
    const items: LiteralOperand[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.atEnd()) this.fail('unclosed any(');
      if (this.peek() === '"') items.push(this.quoted());
      else {
        const itemStart = this.pos;
        while (!this.atEnd() && this.peek() !== ',' && this.peek() !== ')') this.pos++;
        const word = this.text.slice(itemStart, this.pos).trim();
        if (word.length === 0) this.fail('empty value in any(…)');
        if (word.startsWith('[')) this.fail('any(…) takes values, not placeholders');
        items.push(bareLiteral(word));
      }
      this.skipSpaces();
      const c = this.peek();
      this.pos++;
      if (c === ')') break;
      if (c !== ',') this.fail('unclosed any(');
    }
    return { kind: 'any', items, source: `any(${items.map((i) => i.source).join(', ')})` };
  }
}

function isIndex(key: string): boolean {
  if (key.length === 0 || key.length > 9) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

export function parseCondition(text: string): ParsedCondition {
  return { text, parts: new Parser(text).parse() };
}

/** The syntax error a user should see, or null when the condition is valid. */
export function conditionError(text: string): string | null {
  try {
    parseCondition(text);
    return null;
  } catch (err) {
    if (err instanceof ConditionSyntaxError) return err.message;
    throw err;
  }
}
