// Shared material of the end-to-end scan tests: the rules (the built-in pack, the reference
// rules, the current upstream DescribeImages rule), the corpus, and helpers that edit real
// corpus events the way bugs.md asks. No public DescribeImages record with includeDeprecated
// exists (corpus README), so every positive here is a real event edited by the test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { loadRuleTexts, type RuleText } from '../../../src/core/rules';
import { prepareRules, scanText, type LoadedRule, type ScanOptions } from '../../../src/core/scan';
import { decodeBytes } from '../../../src/core/source/decode';
import { LineIndex } from '../../../src/core/positions';
import type { Finding, Position, ScanResult } from '../../../src/core/types';

export const SHARED = path.resolve(__dirname, '../../../../shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const REFERENCE_RULES = path.join(SHARED, 'reference/rules');
export const BUILTIN_RULES = path.resolve(__dirname, '../../../src/rules');
export const FIXTURES = path.resolve(__dirname, '../../fixtures/scan');

/** rule_id shared by every version of "AWS EC2 Deprecated AMI Discovery". */
export const AMI_RULE_ID = '264c641e-c202-11ef-993e-f661ea17fbce';

/** The Permiso subset's event with `ownersSet.items[0].owner` = self (bugs.md 1.1). */
export const SELF_OWNER_INDEX = 0;

function ruleTexts(folder: string, builtin: boolean, only?: string): RuleText[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.toml') && (only === undefined || f === only))
    .sort()
    .map((f) => ({ text: readFileSync(path.join(folder, f), 'utf8'),
      source: path.join(folder, f), builtin }));
}

function prepared(texts: RuleText[]): LoadedRule[] {
  const loaded = loadRuleTexts(texts);
  assert.deepEqual(loaded.problems, []);
  return prepareRules(loaded.rules);
}

/** The built-in pack (version 1 of the DescribeImages rule), compiled. */
export function builtinRules(): LoadedRule[] {
  return prepared(ruleTexts(BUILTIN_RULES, true));
}

/** The eighteen reference rules of elastic/detection-rules, compiled. */
export function referenceRules(): LoadedRule[] {
  return prepared(ruleTexts(REFERENCE_RULES, false));
}

/** The current upstream DescribeImages rule (version 8) alone, compiled. */
export function currentRule(): LoadedRule[] {
  return prepared(ruleTexts(REFERENCE_RULES, false, 'discovery_ec2_deprecated_ami_discovery.toml'));
}

/** A corpus file's text (gzip expanded, BOM removed), as the front ends read it. */
export function corpusText(name: string): string {
  return decodeBytes(readFileSync(path.join(CORPUS, name))).text;
}

/** Every corpus file name (the README aside), sorted. */
export function corpusFiles(): string[] {
  return readdirSync(CORPUS).filter((f) => f !== 'README.md').sort();
}

/** A JSON value parsed from a corpus file. */
export function corpusJson<T>(name: string): T {
  return JSON.parse(corpusText(name)) as T;
}

export type RawRecord = { [key: string]: unknown };

/** A fresh copy of one real DescribeImages event of the Permiso subset. */
export function permisoDescribeImages(index = SELF_OWNER_INDEX): RawRecord {
  return corpusJson<RawRecord[]>('permiso_describeimages-shapes_subset.json')[index];
}

/**
 * The real self-owner DescribeImages event with `includeDeprecated: true` added to its request
 * parameters: the trigger of `aws ec2 describe-images --owners self --include-deprecated`.
 */
export function positiveRecord(includeDeprecated: unknown = true): RawRecord {
  const record = permisoDescribeImages();
  const params = record.requestParameters as RawRecord;
  params.includeDeprecated = includeDeprecated;
  return record;
}

/** Scans a text with the given rules (reference path). */
export function scan(text: string, rules: readonly LoadedRule[],
  options: ScanOptions = {}): ScanResult {
  return scanText(text, rules, options);
}

/** Scans one record wrapped as CloudTrail delivers it ({"Records":[...]}). */
export function scanRecord(record: RawRecord, rules: readonly LoadedRule[],
  options: ScanOptions = {}): ScanResult {
  return scanText(JSON.stringify({ Records: [record] }), rules, options);
}

/** The text a finding's span covers. */
export function spanText(text: string, finding: Finding): string {
  return text.slice(finding.span.start, finding.span.end);
}

/** Zero-based position of an offset, as VS Code counts. */
export function positionOf(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}

/** Zero-based position of an offset, the slow way: split the prefix on line breaks. */
export function naivePosition(text: string, offset: number): Position {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
