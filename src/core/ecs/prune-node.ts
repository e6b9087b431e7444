// Elastic's pipeline drops empty values recursively before deriving any field
// (ecs-mapping.md, section 4): null, "", empty objects and arrays, and in the newest pipeline
// also the strings "-" and "none". Children are pruned first, so a container that becomes
// empty goes too. All walks here are iterative, so any depth works.
import type { JsonArrayNode, JsonMember, JsonNode, JsonObjectNode } from '../json/json-node';

/** "newest" also prunes "-" and "none"; "2024" prunes only null, "", {} and []. */
export type Pruning = 'newest' | '2024';

/** True for a scalar that pruning removes. */
export function isPrunableScalar(node: JsonNode, pruning: Pruning): boolean {
  if (node.kind === 'null') return true;
  if (node.kind !== 'string') return false;
  const value = node.value;
  return value === '' || (pruning === 'newest' && (value === '-' || value === 'none'));
}

/** Remembers which containers are empty after pruning, for repeated lookups in one record. */
export type EmptinessMemo = Map<JsonNode, boolean>;

/** True when nothing of node survives pruning (a container survives if one leaf does). */
export function isEmptyAfterPruning(node: JsonNode, pruning: Pruning,
  memo?: EmptinessMemo): boolean {
  if (node.kind !== 'object' && node.kind !== 'array') return isPrunableScalar(node, pruning);
  const known = memo?.get(node);
  if (known !== undefined) return known;

  // Depth-first, looking at the scalars of a container before descending into its children,
  // so that the usual answer (not empty) comes after a few steps.
  let empty = true;
  const stack: JsonNode[] = [node];
  search: while (stack.length > 0) {
    const current = stack.pop() as JsonNode;
    const children = current.kind === 'object' ? current.members.map((member) => member.value)
      : current.kind === 'array' ? current.items : [];
    for (const child of children) {
      if (child.kind === 'object' || child.kind === 'array') {
        stack.push(child);
      } else if (!isPrunableScalar(child, pruning)) {
        empty = false;
        break search;
      }
    }
  }
  memo?.set(node, empty);
  return empty;
}

/** The member `key` of an object, unless it is missing or pruned away. */
export function prunedMember(node: JsonNode | undefined, key: string,
  pruning: Pruning, memo?: EmptinessMemo): JsonNode | undefined {
  if (node === undefined || node.kind !== 'object') return undefined;
  for (const member of node.members) {
    if (member.key !== key) continue;
    return isEmptyAfterPruning(member.value, pruning, memo) ? undefined : member.value;
  }
  return undefined;
}

/** Follows keys through objects, skipping pruned values (as ctx.json?.a?.b reads them). */
export function prunedPath(node: JsonNode | undefined, keys: readonly string[],
  pruning: Pruning, memo?: EmptinessMemo): JsonNode | undefined {
  let current = node;
  for (const key of keys) {
    current = prunedMember(current, key, pruning, memo);
    if (current === undefined) return undefined;
  }
  return current;
}

interface PruneFrame {
  node: JsonObjectNode | JsonArrayNode;
  next: number;
  kept: (JsonMember | JsonNode)[];
}

/**
 * The pruned copy of node, or undefined when nothing survives. Containers are new nodes with
 * the surviving members (text order) and the original spans; scalars are the original nodes.
 */
export function pruneNode(node: JsonNode, pruning: Pruning): JsonNode | undefined {
  if (node.kind !== 'object' && node.kind !== 'array') {
    return isPrunableScalar(node, pruning) ? undefined : node;
  }

  // Post-order with an explicit stack: a container is built once all its children are done.
  const stack: PruneFrame[] = [{ node, next: 0, kept: [] }];
  let result: JsonNode | undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const container = frame.node;
    const length = container.kind === 'object' ? container.members.length : container.items.length;
    if (frame.next < length) {
      const index = frame.next++;
      const child = container.kind === 'object' ? container.members[index].value
        : container.items[index];
      if (child.kind === 'object' || child.kind === 'array') {
        stack.push({ node: child, next: 0, kept: [] });
      } else if (!isPrunableScalar(child, pruning)) {
        frame.kept.push(container.kind === 'object' ? container.members[index] : child);
      }
      continue;
    }

    stack.pop();
    const built = buildPruned(container, frame.kept);
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      result = built;
    } else if (built !== undefined) {
      if (parent.node.kind === 'object') {
        const member = parent.node.members[parent.next - 1];
        parent.kept.push({ key: member.key, keySpan: member.keySpan, value: built });
      } else {
        parent.kept.push(built);
      }
    }
  }
  return result;
}

function buildPruned(container: JsonObjectNode | JsonArrayNode,
  kept: (JsonMember | JsonNode)[]): JsonNode | undefined {
  if (kept.length === 0) return undefined;
  if (container.kind === 'object') {
    return { kind: 'object', members: kept as JsonMember[], span: container.span };
  }
  return { kind: 'array', items: kept as JsonNode[], span: container.span };
}
