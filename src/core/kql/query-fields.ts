// The field names a query mentions, for rule checks that look at fields (enrichment, keyed
// flattened paths) without scanning the query text again.
import type { KqlNode } from './ast';

/** Every field the query names, once each, in query order; nested paths give full names. */
export function queryFields(node: KqlNode): string[] {
  const fields = new Set<string>();
  collect(node, '', fields);
  return [...fields];
}

function collect(node: KqlNode, prefix: string, out: Set<string>): void {
  const full = (name: string): string => (prefix === '' ? name : `${prefix}.${name}`);

  switch (node.kind) {
    case 'or':
    case 'and':
      for (const child of node.children) collect(child, prefix, out);
      return;
    case 'not':
      collect(node.child, prefix, out);
      return;
    case 'nested':
      out.add(full(node.field.name));
      collect(node.query, full(node.field.name), out);
      return;
    case 'match':
    case 'exists':
    case 'range':
      // An unquoted null "field" is no field at all: Kibana reads the clause as free text.
      if (!node.field.nullLiteral) out.add(full(node.field.name));
      return;
    case 'text':
    case 'all':
      return;
  }
}
