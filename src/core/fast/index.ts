// The fast path's public surface: a whole-text scan that skips what cannot match, an
// incremental scanner for editors that re-reads only what an edit touched, and a stream
// scanner that reads a large file piece by piece in bounded memory.
export { scanTextFast } from './scan-text-fast';
export { literalPlan, termLiterals, type LiteralPlan } from './literal-plan';
export {
  IncrementalScanner, mergeEdits, type IncrementalStats, type TextEdit,
} from './incremental-scanner';
export { StreamScanner, type StreamOutcome } from './stream-scanner';
