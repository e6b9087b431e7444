// The fast path's public surface: a whole-text scan that skips what cannot match, and an
// incremental scanner for editors that re-reads only what an edit touched.
export { scanTextFast } from './scan-text-fast';
export { literalPlan, termLiterals, type LiteralPlan } from './literal-plan';
export {
  IncrementalScanner, mergeEdits, type IncrementalStats, type TextEdit,
} from './incremental-scanner';
export { StreamScanner, type StreamOutcome } from './stream-scanner';
