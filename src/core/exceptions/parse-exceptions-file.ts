// Loads .cloudtrail-lens/exceptions.json: strict JSON, the shipped schema, then the semantic
// checks, every problem placed at its line and character. A broken item is dropped and
// reported, never the whole file: the findings it would have hidden come back, which is the
// safe direction for a detection tool. Only a file whose frame is broken (not JSON, wrong
// version, no "exceptions" object) loads nothing.
import { JsonSyntaxError } from '../json/json-syntax-error';
import { LineIndex } from '../positions';
import { parseJson } from '../json/parse-json';
import type { JsonNode } from '../json/json-node';
import type { JsonPlain, Span } from '../types';
import { checkExceptions, type CheckOptions } from './check-exceptions';
import type { ExceptionItem, ExceptionProblem, ExceptionsFile } from './exception-types';
import { escapePointerToken, indexJsonPointers, toPlain, type PointedNode } from './json-pointers';
import { validateExceptionsSchema } from './schema-validation';

/** What parseExceptionsFile may know about the workspace (both optional). */
export type ParseExceptionsOptions = CheckOptions;

export interface ParseExceptionsResult {
  /** The items that loaded; absent when the file as a whole cannot be read. */
  file?: ExceptionsFile;
  /** Every problem, in text order. */
  problems: ExceptionProblem[];
  /** Where each loaded item's object sits in the text. */
  itemSpans: Map<ExceptionItem, Span>;
}

interface Issue {
  pointer: string;
  anchor: 'key' | 'value';
  message: string;
  severity: 'error' | 'warning';
}

/** Parses and checks the text of an exceptions file. */
export function parseExceptionsFile(text: string, source: string,
  options: ParseExceptionsOptions = {}): ParseExceptionsResult {
  const itemSpans = new Map<ExceptionItem, Span>();
  const lines = new LineIndex(text);
  const problem = (message: string, offset: number, severity: 'error' | 'warning'):
    ExceptionProblem => ({ message, offset, ...lines.positionAt(offset), severity, source });

  // strict JSON first: a syntax error leaves nothing to validate
  let root: JsonNode;
  try {
    root = parseJson(text, text.startsWith('\uFEFF') ? 1 : 0);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { problems: [problem(`Not valid JSON: ${error.message}`, error.offset, 'error')],
      itemSpans };
  }

  const plain = toPlain(root);
  const pointers = indexJsonPointers(root);
  const issues: Issue[] = [
    ...validateExceptionsSchema(plain).map((v) => ({ ...v, severity: 'error' as const })),
    ...checkExceptions(plain, options),
  ];

  const problems = dedupe(issues.map((i) =>
    problem(i.message, offsetOf(pointers, i.pointer, i.anchor), i.severity)));
  const file = buildFile(plain, issues, pointers, itemSpans);
  return { file, problems, itemSpans };
}

function buildFile(plain: JsonPlain, issues: Issue[], pointers: Map<string, PointedNode>,
  itemSpans: Map<ExceptionItem, Span>): ExceptionsFile | undefined {
  const broken = new Set<string>();
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const scope = scopeOf(issue.pointer);
    if (scope === undefined) return undefined;
    broken.add(scope);
  }

  // the schema has passed at the top level, so the frame has its documented shape
  const root = plain as unknown as {
    $schema?: string;
    version: number;
    exceptions: Record<string, unknown[]>;
  };
  const file: ExceptionsFile = { version: root.version, exceptions: {} };
  if (root.$schema !== undefined) file.$schema = root.$schema;

  for (const [ruleId, items] of Object.entries(root.exceptions)) {
    const rulePointer = `/exceptions/${escapePointerToken(ruleId)}`;
    if (broken.has(rulePointer)) continue;

    const loaded: ExceptionItem[] = [];
    items.forEach((item, i) => {
      if (broken.has(`${rulePointer}/${i}`)) return;
      const typed = item as ExceptionItem;
      loaded.push(typed);
      const node = pointers.get(`${rulePointer}/${i}`)?.node;
      if (node !== undefined) itemSpans.set(typed, node.span);
    });
    // defineProperty: a rule id "__proto__" is data, not the prototype of the map
    Object.defineProperty(file.exceptions, ruleId,
      { value: loaded, enumerable: true, writable: true, configurable: true });
  }
  return file;
}

// The part of the file an error spoils: "/exceptions/<rule>/<index>" for an item,
// "/exceptions/<rule>" for a rule's list, undefined for the frame (the whole file). An unknown
// top-level property spoils only itself.
function scopeOf(pointer: string): string | undefined {
  const tokens = pointer.split('/');
  if (pointer === '' || pointer === '/version' || pointer === '/exceptions') return undefined;
  if (tokens[1] !== 'exceptions') return pointer;
  return tokens.slice(0, Math.min(tokens.length, 4)).join('/');
}

// The offset of the nearest existing node: a missing property is reported on its object.
function offsetOf(pointers: Map<string, PointedNode>, pointer: string,
  anchor: 'key' | 'value'): number {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const found = pointers.get(p);
    if (found !== undefined) {
      return anchor === 'key' && p === pointer && found.keySpan !== undefined
        ? found.keySpan.start : found.node.span.start;
    }
    if (p === '') return 0;
  }
}

function dedupe(problems: ExceptionProblem[]): ExceptionProblem[] {
  const seen = new Set<string>();
  return problems
    .sort((a, b) => a.offset - b.offset)
    .filter((p) => {
      const key = `${p.offset}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
