// Parses a YAML or JSON experiment and keeps the source positions, so that an error found
// at a data path (faults[1].kind) can name the line and column it came from.
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
import type { FileIssue } from './issues';

export type DataPath = ReadonlyArray<PropertyKey>;

export interface Position {
  line: number;
  column: number;
}

export interface ParsedSource {
  data: unknown;
  /** Where the value at `path` is written (or, for an absent key, its nearest parent). */
  locate(path: DataPath, key?: string): Position | undefined;
}

/** The deepest a file may nest (a real experiment needs about 5). */
export const MAX_DEPTH = 32;

type Parsed = { ok: true; source: ParsedSource } | { ok: false; issues: FileIssue[] };

export function parseSource(text: string, file: string): Parsed {
  // The YAML parser recurses per level: a few thousand '[' or '- ' on one line overflow its
  // stack, a few tens of thousands exhaust the heap (a crash no try/catch can stop). Refuse
  // such nesting before parsing.
  const nested = nestingIssue(text, file);
  if (nested) return { ok: false, issues: [nested] };
  // YAML accepts more than JSON does (unquoted keys, comments): a .json file must be JSON.
  if (isJsonName(file)) {
    const bad = jsonSyntaxIssue(text, file);
    if (bad) return { ok: false, issues: [bad] };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { ok: false, issues: [{ file, path: '', message: `could not parse: ${messageOf(e)}` }] };
  }
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.slice(0, 5).map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `${isJsonName(file) ? 'JSON' : 'YAML'} syntax: ${firstLine(err.message)}`,
        };
      }),
    };
  }
  const tooDeep = depthOver(doc.contents, MAX_DEPTH);
  if (tooDeep) {
    const pos = lineCounter.linePos(tooDeep.range?.[0] ?? 0);
    return {
      ok: false,
      issues: [
        {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `nested more than ${MAX_DEPTH} levels deep`,
        },
      ],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return {
      ok: false,
      issues: [{ file, path: '', message: `could not read the document: ${messageOf(e)}` }],
    };
  }
  const locate = (path: DataPath, key?: string): Position | undefined => {
    const node = find(doc.contents, path, key);
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return { ok: true, source: { data, locate } };
}

/**
 * The node at `path`. For a path that ends in an absent key: the key of the nearest present
 * parent ("workload:"), so a missing key points at the block it is missing from.
 */
function find(root: unknown, path: DataPath, key?: string): Node | undefined {
  let node = root as Node | null | undefined;
  let anchor: Node | undefined = node ?? undefined;
  const steps = key === undefined ? path : [...path, key];
  for (let i = 0; i < steps.length; i++) {
    const seg = steps[i];
    const isLast = i === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return anchor;
      // An unrecognised key: point at the key itself. A value: point at the value.
      if (isLast && key !== undefined) return pair.key as Node;
      const value = pair.value as Node | null;
      if (isLast) return (value ?? pair.key) as Node;
      anchor = pair.key as Node;
      node = value;
    } else if (isSeq(node)) {
      const item = typeof seg === 'number' ? (node.items[seg] as Node | undefined) : undefined;
      if (!item) return anchor;
      anchor = item;
      node = item;
    } else {
      return anchor;
    }
  }
  return node ?? anchor;
}

function depthOver(root: unknown, max: number): Node | undefined {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (isMap(n) || isSeq(n)) {
      if (d >= max) return n as Node;
      for (const it of n.items) {
        if (isPair(it)) {
          stack.push([it.key, d + 1]);
          stack.push([it.value, d + 1]);
        } else stack.push([it, d + 1]);
      }
    }
  }
  return undefined;
}

/** The most flow brackets, or block indicators on one line, a file may nest before parsing. */
export const MAX_RAW_NESTING = 64;

/**
 * A cheap scan of the raw text (outside quoted strings and comments): flow collections
 * ([ {) nested more than MAX_RAW_NESTING deep, or a line starting with more than that many
 * block indicators ("- - - - x").
 */
export function nestingIssue(text: string, file: string): FileIssue | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: '"' | "'" | null = null;
  let atLineStart = true;
  let indicators = 0;
  const issue = (i: number, what: string): FileIssue => ({
    file,
    line,
    column: i - lineStart + 1,
    path: '',
    message: `${what} nested more than ${MAX_RAW_NESTING} levels deep: not an experiment file`,
  });
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      atLineStart = true;
      indicators = 0;
      continue; // a quoted scalar may span lines: `quote` stays as it is
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (atLineStart) {
      if (c === ' ' || c === '\t') continue;
      if ((c === '-' || c === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        if (++indicators > MAX_RAW_NESTING) return issue(i, 'block collections');
        i++;
        continue;
      }
      atLineStart = false;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    } else if (c === '"' || c === "'") {
      // A quote opens a quoted scalar only where a scalar may start; inside plain text
      // (it's, 5") it is a character. Good enough for a depth estimate.
      const prev = text[i - 1];
      if (i === 0 || prev === undefined || /[\s[{,:]/.test(prev)) quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_RAW_NESTING) return issue(i, 'flow collections');
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function jsonSyntaxIssue(text: string, file: string): FileIssue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const msg = messageOf(e);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    let line: number | undefined;
    let column: number | undefined;
    if (lc) [line, column] = [Number(lc[1]), Number(lc[2])];
    else if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    } else {
      line = text.split('\n').length; // "Unexpected end of JSON input"
    }
    return {
      file,
      line,
      column,
      path: '',
      message: `JSON syntax: ${firstLine(msg.replace(/ in JSON at position \d+.*$/, ''))}`,
    };
  }
}

export function isJsonName(file: string): boolean {
  return /\.json$/i.test(file);
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
