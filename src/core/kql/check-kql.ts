// Static problems of a query: clauses Elasticsearch would reject for the CloudTrail mapping,
// and clauses whose meaning Elasticsearch leaves unsettled (kql-semantics.md, sections 4.4
// and 6). Found once, from the tree and the field catalog, before any document is seen.
import type { FieldType } from '../types';
import type { KqlField, KqlLiteral, KqlNode } from './ast';
import type { KqlProblem } from './compiled-query';
import {
  KEYED_RANGE_REFUSAL, KEYED_WILDCARD_NOTE, NULL_UNSUPPORTED, rangeRefusal, termRefusal,
} from './value-matchers';

export const NESTED_UNSUPPORTED = 'Nested queries need a nested mapping and the CloudTrail '
  + 'mapping has none, so Elasticsearch rejects this query.';

export const FREE_TEXT_NOTE = 'Free text: Elasticsearch searches the index\'s default fields '
  + '(index.query.default_field, set by the deployment); the engine searches every field of '
  + 'the event.';

export const NULL_FIELD_NOTE = 'An unquoted null as field name makes Kibana treat the clause as '
  + 'free text; quote it ("null") to name a field.';

type TypeOf = (field: string) => FieldType | undefined;

/** Every static problem of the tree, in query order. */
export function checkKql(node: KqlNode, fieldType?: TypeOf): KqlProblem[] {
  const problems: KqlProblem[] = [];
  walk(node, '', fieldType ?? (() => undefined), problems);
  return problems;
}

/** The full name of a field inside nested queries (`prefix` is the enclosing nested path). */
export function fullFieldName(field: KqlField, prefix: string): string {
  return prefix === '' ? field.name : `${prefix}.${field.name}`;
}

function walk(node: KqlNode, prefix: string, typeOf: TypeOf, out: KqlProblem[]): void {
  const error = (message: string, offset: number): void => {
    out.push({ message, offset, severity: 'error' });
  };
  const warning = (message: string, offset: number): void => {
    out.push({ message, offset, severity: 'warning' });
  };
  const staticType = (field: KqlField): FieldType | undefined =>
    (field.pattern || field.nullLiteral ? undefined : typeOf(fullFieldName(field, prefix)));

  switch (node.kind) {
    case 'or':
    case 'and':
      for (const child of node.children) walk(child, prefix, typeOf, out);
      return;
    case 'not':
      walk(node.child, prefix, typeOf, out);
      return;
    case 'nested':
      error(NESTED_UNSUPPORTED, node.span.start);
      walk(node.query, fullFieldName(node.field, prefix), typeOf, out);
      return;
    case 'match': {
      if (node.field.nullLiteral) warning(NULL_FIELD_NOTE, node.field.span.start);
      checkValue(node.value, staticType(node.field), error, warning);
      return;
    }
    case 'exists':
      if (node.field.nullLiteral) warning(NULL_FIELD_NOTE, node.field.span.start);
      return;
    case 'range': {
      if (node.value.kind === 'null') {
        error(NULL_UNSUPPORTED, node.value.span.start);
        return;
      }
      const type = staticType(node.field);
      if (type === 'flattened_keyed') error(KEYED_RANGE_REFUSAL, node.span.start);
      else if (type) {
        const refusal = rangeRefusal(node.operator, node.value, type);
        if (refusal) error(refusal, node.value.span.start);
      }
      return;
    }
    case 'text':
      if (node.value.kind === 'null') error(NULL_UNSUPPORTED, node.value.span.start);
      else warning(FREE_TEXT_NOTE, node.span.start);
      return;
    case 'all':
      return;
  }
}

function checkValue(value: KqlLiteral, type: FieldType | undefined,
  error: (message: string, offset: number) => void,
  warning: (message: string, offset: number) => void): void {
  if (value.kind === 'null') {
    error(NULL_UNSUPPORTED, value.span.start);
    return;
  }
  if (!type) return;

  if (value.kind === 'wildcard' && type === 'flattened_keyed') {
    warning(KEYED_WILDCARD_NOTE, value.span.start);
    return;
  }
  const refusal = termRefusal(value, type);
  if (refusal) error(refusal, value.span.start);
}
