// Whether a rule's KQL query can run as Elasticsearch would run it: it parses, and compiling it
// against the CloudTrail field catalog gives no error. The rule loader asks, to place each
// failure in the rule file; prepareRules asks, to keep the compiled query. Both word the
// reason the same way, so the rules list and the load problems agree.
import { fieldTypeOf } from '../ecs/fields';
import { compileKql, KqlSyntaxError, type CompiledQuery } from '../kql';

/** One reason the query cannot run, at an offset in the query text. */
export interface QueryError {
  offset: number;
  message: string;
}

/** The compiled query, or why the rule cannot be evaluated and where in its query. */
export type QueryCheck =
  | { ok: true; compiled: CompiledQuery }
  | { ok: false; reason: string; errors: QueryError[] };

/** Parses and compiles a rule's query once; error-severity problems make it unusable. */
export function checkRuleQuery(query: string): QueryCheck {
  let compiled: CompiledQuery;
  try {
    compiled = compileKql(query, { fieldType: fieldTypeOf });
  } catch (error) {
    if (!(error instanceof KqlSyntaxError)) throw error;
    return {
      ok: false,
      reason: `query does not parse at offset ${error.offset}: ${error.message}`,
      errors: [{ offset: error.offset, message: `query does not parse: ${error.message}` }],
    };
  }

  const errors = compiled.problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return { ok: true, compiled };

  const prefix = 'query cannot run as Elasticsearch would: ';
  return {
    ok: false,
    reason: prefix + errors[0].message,
    errors: errors.map((p) => ({ offset: p.offset, message: prefix + p.message })),
  };
}
