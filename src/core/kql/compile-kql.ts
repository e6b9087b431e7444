// Compile a KQL tree once into a predicate over mapped documents, with a second entry point
// that explains every leaf clause. A visitor with one method per node kind, as in the
// detection-rules evaluator, but with Elasticsearch's matching rules (kql-semantics.md,
// section 4): each clause compares with the values of the field according to the type the
// document gives the field.
import type { ClauseExplanation, EcsDocument, IndexedField } from '../types';
import type {
  KqlAnd, KqlExists, KqlField, KqlFreeText, KqlLeaf, KqlMatch, KqlNested, KqlNode, KqlNot,
  KqlOr, KqlRange,
} from './ast';
import { isLoneWildcard } from './ast';
import { checkKql, FREE_TEXT_NOTE, fullFieldName, NULL_FIELD_NOTE } from './check-kql';
import type { CompiledQuery, CompileOptions } from './compiled-query';
import { nestedDocuments } from './nested-document';
import { parseKql } from './parse-kql';
import { printKql, printLiteral } from './print-kql';
import type { RequiredTerm } from './required-clauses';
import { requiredClauses } from './required-clauses';
import type { FieldOutcome, FieldTest } from './value-matchers';
import { existsTest, NULL_UNSUPPORTED, rangeTest, termTest } from './value-matchers';
import type { WildcardPattern } from './wildcard';
import { compileWildcard, matchesWildcard } from './wildcard';

/** A compiled node: a fast test, and an explaining evaluation that visits every leaf. */
interface Evaluator {
  test(doc: EcsDocument): boolean;
  explain(doc: EcsDocument, negated: boolean, out: ClauseExplanation[]): boolean;
}

/** Which fields of a document a leaf looks at. */
interface FieldSelector {
  /** The name shown when no field of the document was found. */
  display: string;
  /** Whether `holds` is true of one of the fields (the hot path: no allocation). */
  some(doc: EcsDocument, holds: (field: IndexedField) => boolean): boolean;
  /** Visit the fields in order; `visit` returns true to stop. */
  forEach(doc: EcsDocument, visit: (name: string, field: IndexedField) => boolean): void;
}

const EMPTY_DOCUMENT: EcsDocument = {
  field: () => undefined,
  fieldNames: () => [],
  source: {},
  notes: [],
};

/** Compile a query (text or tree) into a predicate, its explanation, problems and terms. */
export function compileKql(query: string | KqlNode, options: CompileOptions = {}): CompiledQuery {
  const tree = typeof query === 'string' ? parseKql(query) : query;
  const source = typeof query === 'string' ? query : printKql(query);
  const clauseText = typeof query === 'string'
    ? (leaf: KqlLeaf): string => sliceClause(query, leaf)
    : (leaf: KqlLeaf): string => printKql(leaf);

  const evaluator = new KqlCompiler(clauseText).visit(tree, '');
  let required: RequiredTerm[][] | undefined;

  return {
    source,
    matches: (doc) => evaluator.test(doc),
    explain: (doc) => {
      const out: ClauseExplanation[] = [];
      evaluator.explain(doc, false, out);
      return out;
    },
    problems: checkKql(tree, options.fieldType),
    requiredClauses: () => {
      required ??= requiredClauses(tree, options.fieldType);
      return required.map((group) => group.map((term) => ({ ...term })));
    },
  };
}

// The clause as written: the leaf's own text, or `field: value` for a value of a list.
function sliceClause(query: string, leaf: KqlLeaf): string {
  if (leaf.kind === 'text' || leaf.kind === 'range') {
    return query.slice(leaf.span.start, leaf.span.end);
  }
  if (leaf.span.start === leaf.field.span.start) return query.slice(leaf.span.start, leaf.span.end);

  const field = query.slice(leaf.field.span.start, leaf.field.span.end);
  if (leaf.kind === 'exists') return `${field}: *`;
  // An unquoted value that trims to nothing has no text of its own to show.
  const value = query.slice(leaf.value.span.start, leaf.value.span.end);
  return `${field}: ${value === '' ? printLiteral(leaf.value) : value}`;
}

class KqlCompiler {
  constructor(private readonly clauseText: (leaf: KqlLeaf) => string) {}

  visit(node: KqlNode, prefix: string): Evaluator {
    switch (node.kind) {
      case 'or':
        return this.visitOr(node, prefix);
      case 'and':
        return this.visitAnd(node, prefix);
      case 'not':
        return this.visitNot(node, prefix);
      case 'nested':
        return this.visitNested(node, prefix);
      case 'match':
        return this.visitMatch(node, prefix);
      case 'exists':
        return this.visitExists(node, prefix);
      case 'range':
        return this.visitRange(node, prefix);
      case 'text':
        return this.visitFreeText(node);
      case 'all':
        return { test: () => true, explain: () => true };
    }
  }

  visitOr(node: KqlOr, prefix: string): Evaluator {
    const children = node.children.map((c) => this.visit(c, prefix));
    return {
      test: (doc) => {
        for (let i = 0; i < children.length; i++) if (children[i].test(doc)) return true;
        return false;
      },
      explain: (doc, negated, out) =>
        children.reduce((any, c) => c.explain(doc, negated, out) || any, false),
    };
  }

  visitAnd(node: KqlAnd, prefix: string): Evaluator {
    const children = node.children.map((c) => this.visit(c, prefix));
    return {
      test: (doc) => {
        for (let i = 0; i < children.length; i++) if (!children[i].test(doc)) return false;
        return true;
      },
      explain: (doc, negated, out) =>
        children.reduce((all, c) => c.explain(doc, negated, out) && all, true),
    };
  }

  visitNot(node: KqlNot, prefix: string): Evaluator {
    const child = this.visit(node.child, prefix);
    return {
      test: (doc) => !child.test(doc),
      explain: (doc, negated, out) => !child.explain(doc, !negated, out),
    };
  }

  // Every condition inside the braces must hold for one and the same element.
  visitNested(node: KqlNested, prefix: string): Evaluator {
    const path = fullFieldName(node.field, prefix);
    const inner = this.visit(node.query, path);
    return {
      test: (doc) => nestedDocuments(doc, path).some((element) => inner.test(element)),
      explain: (doc, negated, out) => {
        const elements = nestedDocuments(doc, path);
        const matching = elements.find((element) => inner.test(element));
        inner.explain(matching ?? elements[0] ?? EMPTY_DOCUMENT, negated, out);
        return matching !== undefined;
      },
    };
  }

  visitMatch(node: KqlMatch, prefix: string): Evaluator {
    // Kibana reads an unquoted null field name as "no field": the clause is free text.
    if (node.field.nullLiteral) {
      return this.freeText(node, node.value.kind === 'null', NULL_FIELD_NOTE);
    }
    return this.fieldLeaf(node, selectFields(node.field, prefix), termTest(node.value));
  }

  visitExists(node: KqlExists, prefix: string): Evaluator {
    // `*: *` is Kibana's match-all query.
    const { pattern } = node.field;
    if (pattern?.length === 2 && pattern[0] === '' && pattern[1] === '') {
      return this.constantLeaf(node, true);
    }
    if (node.field.nullLiteral) return this.constantLeaf(node, true, NULL_FIELD_NOTE);
    return this.fieldLeaf(node, selectFields(node.field, prefix), existsTest());
  }

  visitRange(node: KqlRange, prefix: string): Evaluator {
    return this.fieldLeaf(node, selectFields(node.field, prefix),
      rangeTest(node.operator, node.value));
  }

  visitFreeText(node: KqlFreeText): Evaluator {
    // A lone `*` as free text is Kibana's match-all query.
    if (isLoneWildcard(node.value)) return this.constantLeaf(node, true, FREE_TEXT_NOTE);
    return this.freeText(node, node.value.kind === 'null', FREE_TEXT_NOTE);
  }

  // Free text: any value of any field of the document, compared leniently (a clause that
  // Elasticsearch would refuse for a field type just does not match that field).
  private freeText(node: KqlMatch | KqlFreeText, isNull: boolean, note: string): Evaluator {
    if (isNull) return this.constantLeaf(node, false, NULL_UNSUPPORTED);
    const forEach: FieldSelector['forEach'] = (doc, visit) => {
      for (const name of doc.fieldNames()) {
        const field = doc.field(name);
        if (field && visit(name, field)) return;
      }
    };
    const selector: FieldSelector = {
      display: '',
      forEach,
      some: (doc, holds) => {
        let found = false;
        forEach(doc, (_name, field) => (found = holds(field)));
        return found;
      },
    };
    return this.fieldLeaf(node, selector, termTest(node.value), note, true);
  }

  private constantLeaf(node: KqlLeaf, matched: boolean, note?: string): Evaluator {
    const clause = this.clauseText(node);
    return {
      test: () => matched,
      explain: (_doc, negated, out) => {
        out.push({ clause, matched, negated, ...(note ? { note } : {}) });
        return matched;
      },
    };
  }

  private fieldLeaf(node: KqlLeaf, selector: FieldSelector, fieldTest: FieldTest,
    note?: string, freeText = false): Evaluator {
    const clause = this.clauseText(node);
    const holds = fieldTest.holds;

    return {
      test: (doc) => selector.some(doc, holds),
      explain: (doc, negated, out) => {
        let found: { name: string; outcome: FieldOutcome } | undefined;
        let first: typeof found;
        selector.forEach(doc, (name, field) => {
          const outcome = fieldTest.outcome(field);
          first ??= { name, outcome };
          if (outcome.matched) found = { name, outcome };
          return outcome.matched;
        });

        const chosen = found ?? (freeText ? undefined : first);
        const field = chosen?.name ?? (freeText ? undefined : selector.display);
        const value = chosen?.outcome.value;
        const notes = [chosen?.outcome.note, note].filter((n): n is string => n !== undefined);
        out.push({
          clause,
          ...(field !== undefined ? { field } : {}),
          matched: found !== undefined,
          negated,
          ...(value ? { value: value.text } : {}),
          ...(value?.rawPath !== undefined ? { rawPath: value.rawPath } : {}),
          ...(value?.span ? { span: value.span } : {}),
          ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
        });
        return found !== undefined;
      },
    };
  }
}

// A plain field name, or a field pattern expanded against the document's field names.
function selectFields(field: KqlField, prefix: string): FieldSelector {
  const display = fullFieldName(field, prefix);

  if (!field.pattern) {
    return {
      display,
      some: (doc, holds) => {
        const found = doc.field(display);
        return found !== undefined && holds(found);
      },
      forEach: (doc, visit) => {
        const found = doc.field(display);
        if (found) visit(display, found);
      },
    };
  }

  const parts = [...field.pattern];
  if (prefix !== '') parts[0] = `${prefix}.${parts[0]}`;
  const pattern: WildcardPattern = compileWildcard(parts);
  const forEach: FieldSelector['forEach'] = (doc, visit) => {
    for (const name of doc.fieldNames()) {
      if (!matchesWildcard(pattern, name)) continue;
      const found = doc.field(name);
      if (found && visit(name, found)) return;
    }
  };
  return {
    display,
    forEach,
    some: (doc, holds) => {
      let matched = false;
      forEach(doc, (_name, field) => (matched = holds(field)));
      return matched;
    },
  };
}
