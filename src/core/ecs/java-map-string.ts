// Renders a record's object the way Elastic's CloudTrail pipeline writes
// aws.cloudtrail.request_parameters (and response_elements, additional_eventdata,
// service_event_details): Java's Map.toString() of the pruned java.util.HashMap that
// Elasticsearch built from the JSON (ecs-mapping.md, section 8). Keys come out in HashMap
// order, strings unquoted, numbers in Java's format.
import type { JsonNode, JsonObjectNode, JsonArrayNode } from '../json/json-node';
import { javaHashMapOrder } from './java-hash-order';
import { javaNumberText } from './java-number';
import { isPrunableScalar, type Pruning } from './prune-node';

export interface JavaMapString {
  text: string;
  /**
   * True when some object of the value (even one pruned later) reached a HashMap tree bin,
   * whose iteration order is not modelled: the text then uses a stable fallback order.
   */
  approximate: boolean;
}

export interface RenderOptions {
  /**
   * Keys removed from the top-level map after it was built and pruned (the pipeline moves
   * additionalEventData.UserName away before rendering). They still count for the table
   * size; if only they survived pruning, the map renders as "{}".
   */
  omitKeys?: readonly string[];
}

type Container = JsonObjectNode | JsonArrayNode;

interface SurvivalFrame {
  node: Container;
  next: number;
  kept: Uint8Array;
}

/** Map.toString() of the pruned value, or undefined when nothing survives pruning. */
export function renderJavaMap(node: JsonNode, pruning: Pruning,
  options: RenderOptions = {}): JavaMapString | undefined {
  if (node.kind !== 'object' && node.kind !== 'array') {
    if (isPrunableScalar(node, pruning)) return undefined;
    return { text: scalarText(node), approximate: false };
  }

  const { survivors, approximate } = survivingChildren(node, pruning, options.omitKeys);
  if (!survivors.has(node)) return undefined;
  return { text: emit(node, survivors), approximate };
}

/** The text of a scalar as String.valueOf prints the Java value Elasticsearch holds. */
export function scalarText(node: JsonNode): string {
  switch (node.kind) {
    case 'string': return node.value;
    case 'number': return javaNumberText(node.text);
    case 'boolean': return node.value ? 'true' : 'false';
    case 'null': return 'null';
    default: throw new Error(`scalarText called on ${node.kind}`);
  }
}

/**
 * First pass, post-order: for every container that survives pruning, the indexes of its
 * surviving children in output order (HashMap order for objects, list order for arrays).
 */
function survivingChildren(root: Container, pruning: Pruning, omitKeys?: readonly string[]):
  { survivors: Map<Container, number[]>; approximate: boolean } {
  const survivors = new Map<Container, number[]>();
  let approximate = false;
  const stack: SurvivalFrame[] = [newFrame(root)];

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const container = frame.node;
    const length = frame.kept.length;
    if (frame.next < length) {
      const index = frame.next++;
      const child = container.kind === 'object' ? container.members[index].value
        : container.items[index];
      if (child.kind === 'object' || child.kind === 'array') {
        stack.push(newFrame(child));
      } else if (!isPrunableScalar(child, pruning)) {
        frame.kept[index] = 1;
      }
      continue;
    }

    stack.pop();
    let order: number[];
    if (container.kind === 'object') {
      // Every object is replayed, pruned or not, so that a tree bin is always reported.
      const hashOrder = javaHashMapOrder(container.members.map((member) => member.key));
      if (hashOrder.treeBin) approximate = true;
      order = hashOrder.order;
    } else {
      order = Array.from({ length }, (_, i) => i);
    }
    let list = order.filter((i) => frame.kept[i] === 1);
    const isRoot = stack.length === 0;
    if (list.length > 0 && isRoot && omitKeys !== undefined && container.kind === 'object') {
      // The map survived pruning; removing keys afterwards leaves it, possibly as "{}".
      list = list.filter((i) => !omitKeys.includes(container.members[i].key));
      survivors.set(container, list);
    } else if (list.length > 0) {
      survivors.set(container, list);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.kept[parent.next - 1] = 1;
    }
  }
  return { survivors, approximate };
}

function newFrame(node: Container): SurvivalFrame {
  const length = node.kind === 'object' ? node.members.length : node.items.length;
  return { node, next: 0, kept: new Uint8Array(length) };
}

interface EmitFrame {
  node: Container;
  list: number[];
  next: number;
}

/** Second pass, pre-order: writes the surviving tree into one array of pieces, joined once. */
function emit(root: Container, survivors: Map<Container, number[]>): string {
  const pieces: string[] = [root.kind === 'object' ? '{' : '['];
  const stack: EmitFrame[] = [{ node: root, list: survivors.get(root) as number[], next: 0 }];

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const container = frame.node;
    if (frame.next >= frame.list.length) {
      pieces.push(container.kind === 'object' ? '}' : ']');
      stack.pop();
      continue;
    }

    const index = frame.list[frame.next];
    if (frame.next > 0) pieces.push(', ');
    frame.next++;
    let child: JsonNode;
    if (container.kind === 'object') {
      const member = container.members[index];
      pieces.push(member.key, '=');
      child = member.value;
    } else {
      child = container.items[index];
    }
    if (child.kind === 'object' || child.kind === 'array') {
      pieces.push(child.kind === 'object' ? '{' : '[');
      stack.push({ node: child, list: survivors.get(child) as number[], next: 0 });
    } else {
      pieces.push(scalarText(child));
    }
  }
  return pieces.join('');
}
