// Bridges our JSON tree and the schema validator: the plain value Ajv validates, and for every
// JSON Pointer Ajv reports (its `instancePath`) the node and key that carry the offsets.
// Both walks use an explicit stack, like the parser, so nesting depth cannot overflow the stack.
import type { JsonNode } from '../json/json-node';
import type { JsonPlain, Span } from '../types';

/** A value of the tree and the key that names it (absent for the root and array items). */
export interface PointedNode {
  node: JsonNode;
  keySpan?: Span;
}

/** Escapes one reference token of a JSON Pointer (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Pointers below this depth are not indexed. The file's deepest meaningful value sits at
 * depth 7 (/exceptions/<rule>/<item>/entries/<entry>/values/<n>); a problem deeper down is
 * placed on its nearest indexed ancestor. Without the bound, pointers grow with the depth and
 * a million nested brackets would make a million pointers of up to two million characters.
 */
export const MAX_POINTER_DEPTH = 16;

/** Every value of the tree by its JSON Pointer ("" is the root), down to MAX_POINTER_DEPTH. */
export function indexJsonPointers(root: JsonNode): Map<string, PointedNode> {
  const index = new Map<string, PointedNode>([['', { node: root }]]);
  const pending: [string, JsonNode, number][] = [['', root, 0]];

  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [pointer, node, depth] = next;
    if (depth >= MAX_POINTER_DEPTH) continue;
    if (node.kind === 'object') {
      for (const member of node.members) {
        const child = `${pointer}/${escapePointerToken(member.key)}`;
        index.set(child, { node: member.value, keySpan: member.keySpan });
        pending.push([child, member.value, depth + 1]);
      }
    } else if (node.kind === 'array') {
      node.items.forEach((item, i) => {
        index.set(`${pointer}/${i}`, { node: item });
        pending.push([`${pointer}/${i}`, item, depth + 1]);
      });
    }
  }
  return index;
}

/** The plain JavaScript value of a tree, as JSON.parse would have produced it. */
export function toPlain(root: JsonNode): JsonPlain {
  const holder: JsonPlain[] = [null];
  const pending: [JsonNode, (value: JsonPlain) => void][] = [[root, (v) => { holder[0] = v; }]];

  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, assign] = next;
    switch (node.kind) {
      case 'object': {
        const object: { [key: string]: JsonPlain } = {};
        assign(object);
        // pushed last to first so that they are popped, and so assigned, in text order;
        // defineProperty, so that a "__proto__" key becomes data and not the object's prototype
        for (const m of [...node.members].reverse()) {
          pending.push([m.value, (v) => {
            Object.defineProperty(object, m.key,
              { value: v, enumerable: true, writable: true, configurable: true });
          }]);
        }
        break;
      }
      case 'array': {
        const array: JsonPlain[] = new Array<JsonPlain>(node.items.length).fill(null);
        assign(array);
        node.items.forEach((item, i) => pending.push([item, (v) => { array[i] = v; }]));
        break;
      }
      case 'string':
        assign(node.value);
        break;
      case 'number':
        assign(Number(node.text));
        break;
      case 'boolean':
        assign(node.value);
        break;
      case 'null':
        assign(null);
        break;
    }
  }
  return holder[0];
}
