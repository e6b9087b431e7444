// Small read-only accessors over parsed JSON, so that callers need no kind checks for the
// common "the member if it is a string" questions.
import type { JsonNode, JsonObjectNode } from './json-node';

/** The value of member `key` when node is an object that has it. */
export function getMember(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node === undefined || node.kind !== 'object') return undefined;
  const members = node.members;
  for (let i = 0; i < members.length; i++) {
    if (members[i].key === key) return members[i].value;
  }
  return undefined;
}

/** Follows object keys from node; undefined as soon as one is missing or not an object. */
export function getPath(node: JsonNode | undefined, keys: readonly string[]): JsonNode | undefined {
  let current = node;
  for (const key of keys) {
    current = getMember(current, key);
    if (current === undefined) return undefined;
  }
  return current;
}

/** The string value of member `key`, when it exists and is a string. */
export function getString(node: JsonNode | undefined, key: string): string | undefined {
  const value = getMember(node, key);
  return value !== undefined && value.kind === 'string' ? value.value : undefined;
}

/** True when node is a JSON object. */
export function isObjectNode(node: JsonNode | undefined): node is JsonObjectNode {
  return node !== undefined && node.kind === 'object';
}
