// The rules API: read Elastic rule files, decide what the engine can evaluate.
export { parseRuleToml, RULE_DEFAULTS, type ParsedRule } from './parse-rule-toml';
export { loadRuleTexts, type LoadedRules, type RuleText } from './load-rules';
export { checkRuleQuery, type QueryCheck, type QueryError } from './check-rule-query';
export { classifySupport, isKeyedFlattened, type RuleSupportInput } from './rule-support';
export { scanQueryFields, type QueryFieldUse } from './scan-query-fields';
export {
  locateTomlKeys, positionAt, stringValueStart,
  type StringValueStart, type TomlKeyLocation, type TomlLocations,
} from './toml-locate';
export { stringValuePosition } from './string-value-position';
