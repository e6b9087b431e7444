// Visits the scalars of JSON trees in text order without recursion (records can nest far
// deeper than the call stack allows). Each node carries a state of the caller's choosing,
// derived from its parent's state as the walk goes down: a dotted field path, a raw path with
// array indexes, a nesting level, whatever the caller needs to know at a leaf.
import type { JsonNode, JsonScalarNode } from './json-node';

/** How a child's state derives from its parent's: the member key, or the array index. */
export type ChildState<S> = (parent: S, child: JsonNode, step: string | number) => S;

/** Calls `leaf` on every scalar below the roots, in the order of the text. */
export function walkLeaves<S>(roots: readonly { node: JsonNode; state: S }[],
  childState: ChildState<S>, leaf: (node: JsonScalarNode, state: S) => void): void {
  const stack: { node: JsonNode; state: S }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]);

  // Children are pushed in reverse so that they come off the stack in text order.
  while (stack.length > 0) {
    const { node, state } = stack.pop() as { node: JsonNode; state: S };
    if (node.kind === 'object') {
      for (let i = node.members.length - 1; i >= 0; i--) {
        const member = node.members[i];
        stack.push({ node: member.value, state: childState(state, member.value, member.key) });
      }
    } else if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        stack.push({ node: node.items[i], state: childState(state, node.items[i], i) });
      }
    } else {
      leaf(node, state);
    }
  }
}
