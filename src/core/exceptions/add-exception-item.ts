// Adds an exception item to the text of an exceptions file as a single insertion, so that the
// rest of the file (its order, indentation, line endings and other items) stays exactly as the
// user wrote it, and an editor can apply the change as one undoable edit.
import { JsonSyntaxError } from '../json/json-syntax-error';
import { parseJson } from '../json/parse-json';
import type { JsonArrayNode, JsonNode, JsonObjectNode } from '../json/json-node';
import { EXCEPTIONS_FILE_VERSION, type ExceptionItem } from './exception-types';

/** Replace `length` code units at `offset` with `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/** The file cannot take the item without rewriting what the user wrote. */
export class ExceptionsEditError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'ExceptionsEditError';
    this.offset = offset;
  }
}

/** The edit that appends an item to a rule's list (creating the list or file as needed). */
export function planExceptionInsertion(text: string, ruleId: string,
  item: ExceptionItem): TextEdit {
  if (text.trim() === '') {
    const file = { version: EXCEPTIONS_FILE_VERSION, exceptions: { [ruleId]: [item] } };
    return { offset: 0, length: text.length, text: `${JSON.stringify(file, null, 2)}\n` };
  }

  const root = parseForEdit(text);
  const style = detectStyle(text, root);

  const exceptions = memberOf(root, 'exceptions');
  if (exceptions === undefined) {
    return insertInto(text, root, style, 'exceptions', { [ruleId]: [item] });
  }
  if (exceptions.kind !== 'object') {
    throw new ExceptionsEditError('"exceptions" is not an object.', exceptions.span.start);
  }

  const list = memberOf(exceptions, ruleId);
  if (list === undefined) return insertInto(text, exceptions, style, ruleId, [item]);
  if (list.kind !== 'array') {
    throw new ExceptionsEditError(`The exceptions of rule "${ruleId}" are not a list.`,
      list.span.start);
  }
  return insertInto(text, list, style, undefined, item);
}

/** The text of the file with an item appended to a rule's list. */
export function addExceptionItem(text: string, ruleId: string, item: ExceptionItem): string {
  const edit = planExceptionInsertion(text, ruleId, item);
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

function parseForEdit(text: string): JsonObjectNode {
  let root: JsonNode;
  try {
    root = parseJson(text, text.startsWith('\uFEFF') ? 1 : 0);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new ExceptionsEditError(`The exceptions file is not valid JSON (${error.message}); `
      + 'fix it before adding an exception.', error.offset);
  }
  if (root.kind !== 'object') {
    throw new ExceptionsEditError('The exceptions file does not hold a JSON object.',
      root.span.start);
  }
  return root;
}

function memberOf(object: JsonObjectNode, key: string): JsonNode | undefined {
  return object.members.find((m) => m.key === key)?.value;
}

interface Style {
  /** One level of indentation, as the file uses it. */
  unit: string;
  eol: string;
  /** The whole file is written on one line. */
  oneLine: boolean;
}

function detectStyle(text: string, root: JsonObjectNode): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const first = root.members[0];
  const indent = first === undefined ? undefined : lineIndentBefore(text, first.keySpan.start);
  const oneLine = !/[\r\n]/.test(text.slice(root.span.start, root.span.end));
  return { unit: indent !== undefined && indent !== '' ? indent : '  ', eol, oneLine };
}

// The whitespace that starts the line of an offset, when only whitespace precedes the offset
// on its line; undefined when something else does.
function lineIndentBefore(text: string, offset: number): string | undefined {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const prefix = text.slice(start, offset);
  return /^[ \t]*$/.test(prefix) ? prefix : undefined;
}

function lineIndentOf(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

function insertInto(text: string, container: JsonObjectNode | JsonArrayNode, style: Style,
  key: string | undefined, value: unknown): TextEdit {
  const children = container.kind === 'object'
    ? container.members.map((m) => ({ start: m.keySpan.start, end: m.value.span.end }))
    : container.items.map((i) => i.span);
  const { start, end } = container.span;
  const keyText = key === undefined ? '' : `${JSON.stringify(key)}: `;

  // a container written on one line gets the new member on that line, compactly; an empty
  // one does when the whole file is on one line
  const last = children[children.length - 1];
  const oneLine = last === undefined ? style.oneLine : !/[\r\n]/.test(text.slice(start, end));
  const compact = `${keyText}${JSON.stringify(value)}`;
  if (oneLine && last !== undefined) return { offset: last.end, length: 0, text: `, ${compact}` };
  if (oneLine) return { offset: start + 1, length: end - start - 2, text: compact };

  const outer = lineIndentOf(text, start);
  const inner = (children[0] && lineIndentBefore(text, children[0].start)) ?? outer + style.unit;
  const member = keyText + JSON.stringify(value, null, style.unit)
    .replace(/\n/g, `${style.eol}${inner}`);

  if (last === undefined) {
    return { offset: start + 1, length: end - start - 2,
      text: `${style.eol}${inner}${member}${style.eol}${outer}` };
  }
  return { offset: last.end, length: 0, text: `,${style.eol}${inner}${member}` };
}
