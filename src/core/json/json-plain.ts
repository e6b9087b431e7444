// Converts a parsed JsonNode into plain JavaScript values, for display and JSON output.
//
// Numbers: an integer within ±(2^53 − 1) and a finite decimal become a JavaScript number; an
// integer beyond that range, or a decimal that overflows to ±Infinity, is kept as its source
// text (a string), so that no digits are lost and the result stays JSON-serialisable. Key
// order: JavaScript objects list integer-like keys ("0", "12") first whatever the text says; use
// the JsonNode itself when the order matters.
import type { JsonPlain } from '../types';
import type { JsonNode } from './json-node';

type PlainContainer = JsonPlain[] | { [key: string]: JsonPlain };

interface Task {
  node: JsonNode;
  parent: PlainContainer | undefined;
  slot: string | number;
}

/** The plain value of a number token, following the rule in the header comment. */
export function plainNumber(text: string): number | string {
  const value = Number(text);
  const isInteger = !/[.eE]/.test(text);
  if (isInteger) return Number.isSafeInteger(value) ? (value === 0 ? 0 : value) : text;
  return Number.isFinite(value) ? value : text;
}

/** Sets an own property even for the key "__proto__", which plain assignment would not. */
export function setOwn(target: { [key: string]: JsonPlain }, key: string, value: JsonPlain): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value, enumerable: true, writable: true, configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** Converts a node (of any depth) to plain values; see the header comment for numbers. */
export function toPlain(node: JsonNode): JsonPlain {
  const holder: JsonPlain[] = [null];
  const stack: Task[] = [{ node, parent: holder, slot: 0 }];

  // Top-down with an explicit stack: each task creates its value and stores it in its parent.
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    const current = task.node;
    let value: JsonPlain;
    switch (current.kind) {
      case 'string': value = current.value; break;
      case 'number': value = plainNumber(current.text); break;
      case 'boolean': value = current.value; break;
      case 'null': value = null; break;
      case 'array': {
        const items: JsonPlain[] = new Array<JsonPlain>(current.items.length).fill(null);
        for (let i = current.items.length - 1; i >= 0; i--) {
          stack.push({ node: current.items[i], parent: items, slot: i });
        }
        value = items;
        break;
      }
      case 'object': {
        const object: { [key: string]: JsonPlain } = {};
        // Members are pushed in reverse so that they are assigned in text order.
        for (let i = current.members.length - 1; i >= 0; i--) {
          const member = current.members[i];
          stack.push({ node: member.value, parent: object, slot: member.key });
        }
        value = object;
        break;
      }
    }
    store(task.parent as PlainContainer, task.slot, value);
  }
  return holder[0];
}

function store(parent: PlainContainer, slot: string | number, value: JsonPlain): void {
  if (Array.isArray(parent)) {
    parent[slot as number] = value;
  } else {
    setOwn(parent, slot as string, value);
  }
}
