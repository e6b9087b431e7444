// The JSON module's public surface: the strict parser, its tree, and helpers over the tree.
export { parseJson } from './parse-json';
export { JsonSyntaxError } from './json-syntax-error';
export { toPlain, plainNumber, setOwn } from './json-plain';
export { getMember, getPath, getString, isObjectNode } from './json-access';
export type {
  JsonArrayNode, JsonBooleanNode, JsonMember, JsonNode, JsonNullNode, JsonNumberNode,
  JsonObjectNode, JsonScalarNode, JsonStringNode,
} from './json-node';
