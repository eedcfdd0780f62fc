import { utf8DecodeFatal } from './bytes';
import { err, ok, type Result } from './result';

// A JSON parser for untrusted bytes (RFC 8259 grammar, I-JSON restrictions of RFC 7493): strict
// UTF-8, no byte-order mark, no duplicate member names, no lone surrogates, bounded size and depth,
// no overlong number literal, no number that overflows to infinity, and no integer literal that a
// double would silently change (9007199254740993). JSON.parse would silently keep the last
// duplicate key.

export type JsonParseErrorCode = 'too-large' | 'not-utf8' | 'malformed-json' | 'duplicate-key' | 'too-deep' | 'number-out-of-range' | 'lone-surrogate';

export interface JsonParseError {
  readonly code: JsonParseErrorCode;
  /** One line, e.g. "duplicate key \"round\" at character 57". */
  readonly message: string;
}

export interface JsonLimits {
  readonly maxBytes: number;
  /** Arrays and objects nested more deeply than this are refused. */
  readonly maxDepth: number;
  /** Longest accepted number literal, in characters. */
  readonly maxNumberLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxBytes: 1 << 20, maxDepth: 32, maxNumberLength: 40 };

class ParseFailure {
  constructor(readonly error: JsonParseError) {}
}

const NUMBER_LITERAL = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// eslint-disable-next-line no-control-regex -- RFC 8259 forbids raw control characters in strings: finding them is the point.
const PLAIN_STRING_RUN = /[^"\\\u0000-\u001f]*/y;

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly limits: JsonLimits,
  ) {}

  parseDocument(): unknown {
    this.skipWhitespace();
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos !== this.text.length) this.fail('malformed-json', 'unexpected text after the JSON value');
    return value;
  }

  private fail(code: JsonParseErrorCode, what: string, at = this.pos): never {
    throw new ParseFailure({ code, message: `${what} at character ${at}` });
  }

  private skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  private parseValue(depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b /* { */:
        return this.parseObject(depth + 1);
      case 0x5b /* [ */:
        return this.parseArray(depth + 1);
      case 0x22 /* " */:
        return this.parseString();
      case 0x74 /* t */:
        return this.parseLiteral('true', true);
      case 0x66 /* f */:
        return this.parseLiteral('false', false);
      case 0x6e /* n */:
        return this.parseLiteral('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
        if (Number.isNaN(c)) this.fail('malformed-json', 'unexpected end of input');
        return this.fail('malformed-json', `unexpected character ${JSON.stringify(this.text[this.pos])}`);
    }
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('malformed-json', 'invalid literal');
    this.pos += word.length;
    return value;
  }

  private parseNumber(): number {
    const start = this.pos;
    NUMBER_LITERAL.lastIndex = start;
    const match = NUMBER_LITERAL.exec(this.text);
    if (match === null) return this.fail('malformed-json', 'invalid number');
    const literal = match[0];
    this.pos = start + literal.length;
    if (literal.length > this.limits.maxNumberLength) {
      this.fail('number-out-of-range', `number longer than ${this.limits.maxNumberLength} characters`, start);
    }
    const value = Number(literal);
    if (!Number.isFinite(value)) this.fail('number-out-of-range', `number ${literal} overflows`, start);
    // An integer literal beyond 2^53 − 1 is accepted only if it is the double's own shortest form
    // (as RFC 8785 writes 1e20: "100000000000000000000"); otherwise parsing would silently change it.
    const isIntegerLiteral = !/[.eE]/.test(literal);
    if (isIntegerLiteral && !Number.isSafeInteger(value) && String(value) !== literal) {
      this.fail('number-out-of-range', `integer ${literal} cannot be held exactly (beyond ±(2^53 − 1))`, start);
    }
    return value;
  }

  private parseString(): string {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      PLAIN_STRING_RUN.lastIndex = this.pos;
      const run = PLAIN_STRING_RUN.exec(text)![0];
      out += run;
      this.pos += run.length;
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return out;
      }
      if (Number.isNaN(c)) this.fail('malformed-json', 'unterminated string', start);
      if (c < 0x20) this.fail('malformed-json', 'unescaped control character in string');
      out += this.parseEscape();
    }
  }

  private parseEscape(): string {
    const text = this.text;
    const escape = text[this.pos + 1];
    this.pos += 2;
    switch (escape) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        break;
      default:
        return this.fail('malformed-json', 'invalid escape', this.pos - 2);
    }
    const unit = this.readHex4();
    if (unit >= 0xdc00 && unit <= 0xdfff) this.fail('lone-surrogate', 'lone low surrogate escape', this.pos - 6);
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit);
    if (text[this.pos] !== '\\' || text[this.pos + 1] !== 'u') this.fail('lone-surrogate', 'lone high surrogate escape', this.pos - 6);
    this.pos += 2;
    const low = this.readHex4();
    if (low < 0xdc00 || low > 0xdfff) this.fail('lone-surrogate', 'high surrogate escape not followed by a low one', this.pos - 12);
    return String.fromCharCode(unit, low);
  }

  private readHex4(): number {
    const digits = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail('malformed-json', 'invalid \\u escape');
    this.pos += 4;
    return parseInt(digits, 16);
  }

  private enter(depth: number): void {
    if (depth > this.limits.maxDepth) this.fail('too-deep', `nesting deeper than ${this.limits.maxDepth}`);
    this.pos++;
    this.skipWhitespace();
  }

  private parseArray(depth: number): unknown[] {
    this.enter(depth);
    const out: unknown[] = [];
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.parseValue(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x5d) return out;
      if (c !== 0x2c) this.fail('malformed-json', "expected ',' or ']'", this.pos - 1);
      this.skipWhitespace();
    }
  }

  private parseObject(depth: number): Record<string, unknown> {
    this.enter(depth);
    const out: Record<string, unknown> = {};
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('malformed-json', 'expected a member name');
      const keyAt = this.pos;
      const key = this.parseString();
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail('duplicate-key', `duplicate key ${JSON.stringify(key)}`, keyAt);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail('malformed-json', "expected ':'");
      this.pos++;
      this.skipWhitespace();
      // defineProperty, not assignment: a member named "__proto__" must stay an own data property.
      Object.defineProperty(out, key, { value: this.parseValue(depth), enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x7d) return out;
      if (c !== 0x2c) this.fail('malformed-json', "expected ',' or '}'", this.pos - 1);
      this.skipWhitespace();
    }
  }
}

/** Parses untrusted JSON bytes; every refusal is a result with a stable code. */
export function parseStrictJson(bytes: Uint8Array, limits: JsonLimits = DEFAULT_JSON_LIMITS): Result<unknown, JsonParseError> {
  if (bytes.length > limits.maxBytes) {
    return err({ code: 'too-large', message: `${bytes.length} bytes exceed the limit of ${limits.maxBytes}` });
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return err({ code: 'not-utf8', message: 'starts with a byte-order mark' });
  }
  let text: string;
  try {
    text = utf8DecodeFatal(bytes);
  } catch {
    return err({ code: 'not-utf8', message: 'not valid UTF-8' });
  }
  try {
    return ok(new Parser(text, limits).parseDocument());
  } catch (failure) {
    if (failure instanceof ParseFailure) return err(failure.error);
    throw failure;
  }
}
