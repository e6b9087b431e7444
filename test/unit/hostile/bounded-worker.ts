// The worker side of bounded.ts: builds each case's input from its recipe (so that a 100 MB
// text is not copied between threads), runs one engine entry point on it, checks the output
// contract, and reports a small summary per case.
import { parentPort, workerData } from 'node:worker_threads';
import { parseExceptionsFile } from '../../../src/core/exceptions';
import { JsonSyntaxError, parseJson } from '../../../src/core/json';
import { fieldTypeOf, mapRecord } from '../../../src/core/ecs';
import { compileKql } from '../../../src/core/kql';
import { locateEvents } from '../../../src/core/locate';
import { parseRuleToml } from '../../../src/core/rules';
import { prepareRules, scanText } from '../../../src/core/scan';
import type { BoundedCase, CaseSummary, Piece, WorkerMessage } from './bounded';
import {
  allRules, assertLocateContract, assertPrototypeClean, assertScanContract,
} from './helpers';

/** The text a recipe describes. */
function build(pieces: readonly Piece[]): string {
  return pieces.map((p) => (typeof p === 'string' ? p : p.repeat.repeat(p.times))).join('');
}

/** Runs one case and returns what the test asserts on. */
function run(test: BoundedCase): CaseSummary {
  const text = build(test.text);

  switch (test.op) {
    case 'scan': {
      const result = scanText(text, allRules());
      assertScanContract(text, result);
      return { layout: result.layout, events: result.events, findings: result.findings.length,
        problems: result.problems.map((p) => `${p.offset} ${p.severity}: ${p.message}`) };
    }
    case 'locate': {
      const result = locateEvents(text);
      assertLocateContract(text, result);
      return { layout: result.layout, events: result.events.length, findings: 0,
        problems: result.problems.map((p) => `${p.offset} ${p.severity}: ${p.message}`) };
    }
    case 'parse-map': {
      try {
        const doc = mapRecord(parseJson(text), {});
        return { layout: 'single', events: 1, findings: 0,
          problems: doc.rejection === undefined ? [] : [`rejected: ${doc.rejection}`] };
      } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        return { layout: 'unknown', events: 0, findings: 0,
          problems: [`${error.offset} error: ${error.message}`] };
      }
    }
    case 'exceptions': {
      const parsed = parseExceptionsFile(text, 'exceptions.json');
      return { layout: 'unknown', events: parsed.file === undefined ? 0 : 1, findings: 0,
        problems: parsed.problems.map((p) => `${p.line}:${p.character} ${p.message}`) };
    }
    case 'kql': {
      const compiled = compileKql(text, { fieldType: fieldTypeOf });
      const groups = compiled.requiredClauses();
      return { layout: 'unknown', events: groups.length, findings: groups.flat().length,
        problems: compiled.problems.map((p) => p.message) };
    }
    case 'rule': {
      const parsed = parseRuleToml(text, 'hostile.toml');
      const loaded = parsed.rule === undefined ? [] : prepareRules([parsed.rule]);
      const problems = parsed.problems.map((p) => `${p.line ?? '-'}:${p.character ?? '-'} `
        + p.message);
      const reason = loaded[0]?.rule.support.reason;
      return { layout: 'unknown', events: loaded.length, findings: 0,
        problems: reason === undefined ? problems : [...problems, `unsupported: ${reason}`] };
    }
  }
}

const port = parentPort;
if (port === null) throw new Error('bounded-worker.ts runs as a worker thread');

for (const test of (workerData as { cases: BoundedCase[] }).cases) {
  port.postMessage({ kind: 'start', name: test.name } satisfies WorkerMessage);
  const started = performance.now();
  try {
    const summary = run(test);
    assertPrototypeClean();
    port.postMessage({ kind: 'done', name: test.name, summary,
      ms: performance.now() - started } satisfies WorkerMessage);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    port.postMessage({ kind: 'failed', name: test.name, message } satisfies WorkerMessage);
  }
}
