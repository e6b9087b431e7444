// The ECS module's public surface: raw CloudTrail (or ECS _source) in, EcsDocument out.
export { effectiveRetain, mapRecord, type MapOptions, type Retain } from './map-record';
export { mapEcsSource, type EcsSourceOptions } from './map-ecs-source';
export { renderJavaMap, type JavaMapString, type RenderOptions } from './java-map-string';
export { pruneNode, isEmptyAfterPruning, type Pruning } from './prune-node';
export { fieldTypeOf, flattenedRootOf, FLATTENED_ROOTS, CONSTANT_FIELDS } from './fields';
export { javaDoubleToString, javaNumberText } from './java-number';
export { javaHashMapOrder, javaStringHash } from './java-hash-order';
export { eventCategorization } from './event-categories';
export {
  readField, readInvestigationFields, valueAtPath, DEFAULT_INVESTIGATION_FIELDS,
  type FieldReading, type InvestigationValues,
} from './investigation-fields';
export type { MappedDocument } from './ecs-document';
