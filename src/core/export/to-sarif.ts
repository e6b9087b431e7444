// SARIF 2.1.0 (OASIS), the format code-scanning services and SARIF viewers read. One run, one
// result per finding; suppressed findings are kept with an external suppression whose
// justification is the exception's comment, so viewers can show or hide them.
// Conventions of GitHub code scanning followed here: a `security-severity` property on rules
// (a 0.0-10.0 score as a string; we use risk_score / 10) and `partialFingerprints` on results.
import type { Rule, Severity } from '../types';
import { actionOf, principalOf, sourceAddressOf } from './finding-fields';
import { prepareExport, type ExportFinding, type ExportInput } from './export-input';

/** The OASIS standard's schema, named in the log's $schema. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

const TOOL_NAME = 'CloudTrail Lens';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Where an artifact is; a relative uri is resolved against the run's SOURCE_ROOT base. */
export interface SarifArtifactLocation {
  uri: string;
  index?: number;
  uriBaseId?: string;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: SarifArtifactLocation;
    region?: SarifRegion | { startLine: number; startColumn: number };
  };
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri?: string;
  help?: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel; enabled: boolean };
  properties: { [key: string]: unknown };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: { [key: string]: string };
  suppressions?: { kind: 'external'; justification: string;
    properties?: { exceptionId: string } }[];
  properties: { [key: string]: unknown };
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
  associatedRule?: { id: string; index: number };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version?: string; informationUri?: string;
      rules: SarifRule[] } };
    columnKind: 'utf16CodeUnits';
    originalUriBaseIds?: { [id: string]: { uri: string } };
    artifacts: { location: SarifArtifactLocation; properties: { [key: string]: unknown } }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[];
      toolConfigurationNotifications: SarifNotification[] }[];
    results: SarifResult[];
  }[];
}

export interface SarifOptions {
  /** The extension's or CLI's version, for tool.driver.version. */
  toolVersion?: string;
  /** Where to read about the tool, for tool.driver.informationUri (an absolute URI). */
  informationUri?: string;
  /**
   * The absolute URI of the folder relative paths start from (the CLI's working directory),
   * so that viewers can open the files; without it they ask, or assume the repository root.
   */
  sourceRoot?: string;
}

/**
 * The base id of relative artifact URIs: the name GitHub code scanning documents, which it
 * resolves against the checkout.
 */
export const SOURCE_ROOT = '%SRCROOT%';

const LEVELS: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** Builds a SARIF 2.1.0 log of the findings (suppressed ones included, marked). */
export function toSarif(input: ExportInput, options: SarifOptions = {}): SarifLog {
  const prepared = prepareExport(input);

  // every path gets one artifact; results and notifications point at it by index
  const artifactIndex = new Map<string, number>();
  const artifacts: SarifLog['runs'][0]['artifacts'] = [];
  const artifactOf = (path: string, properties: { [key: string]: unknown } = {}): number => {
    let index = artifactIndex.get(path);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(path, index);
      artifacts.push({ location: artifactLocation(path), properties });
    }
    return index;
  };
  for (const file of prepared.files) {
    artifactOf(file.path, { layout: file.layout, events: file.events });
  }

  const ruleIndex = new Map(prepared.rules.map((r, i) => [r.id, i]));
  const result = (suppressed: boolean) => (finding: ExportFinding): SarifResult =>
    toResult(finding, ruleIndex.get(finding.ruleId), artifactOf(finding.path), suppressed);
  const results = [...prepared.active.map(result(false)),
    ...prepared.suppressed.map(result(true))];

  const driver: SarifLog['runs'][0]['tool']['driver'] = { name: TOOL_NAME,
    rules: prepared.rules.map(toRule) };
  if (options.toolVersion !== undefined) driver.version = options.toolVersion;
  if (options.informationUri !== undefined && isAbsoluteUri(options.informationUri)) {
    driver.informationUri = options.informationUri;
  }

  const toolExecutionNotifications = prepared.files.flatMap((file) =>
    file.errors.map((e): SarifNotification => ({
      level: e.severity === undefined || e.severity === 'error' ? 'error' : e.severity,
      message: { text: e.message },
      locations: [{ physicalLocation: {
        artifactLocation: artifactLocation(file.path, artifactOf(file.path)),
        region: { startLine: e.line + 1, startColumn: e.character + 1 },
      } }],
    })));
  const toolConfigurationNotifications = prepared.rules.flatMap((rule, index) =>
    rule.support.supported
      ? rule.support.warnings.map((caveat): SarifNotification => ({
        level: 'warning',
        message: { text: `Rule "${rule.name}": ${caveat}` },
        associatedRule: { id: rule.id, index },
      }))
      : [{
        level: 'note' as const,
        message: { text: `Rule "${rule.name}" is not evaluated: ${rule.support.reason ?? ''}`
          .replace(/: $/, '.') },
        associatedRule: { id: rule.id, index },
      }]);

  const relative = artifacts.some((a) => a.location.uriBaseId !== undefined);
  const root = options.sourceRoot;
  const originalUriBaseIds = relative && root !== undefined && isAbsoluteUri(root)
    ? { [SOURCE_ROOT]: { uri: root.endsWith('/') ? root : `${root}/` } } : undefined;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver },
      columnKind: 'utf16CodeUnits',
      ...(originalUriBaseIds === undefined ? {} : { originalUriBaseIds }),
      artifacts,
      invocations: [{ executionSuccessful: true, toolExecutionNotifications,
        toolConfigurationNotifications }],
      results,
    }],
  };
}

function toRule(rule: Rule): SarifRule {
  const level = LEVELS[rule.severity];
  const properties: { [key: string]: unknown } = {
    'severity': rule.severity,
    'risk_score': rule.riskScore,
    'security-severity': (rule.riskScore / 10).toFixed(1),
    'tags': [...new Set(['security', ...rule.tags])],
    'supported': rule.support.supported,
  };
  if (rule.support.reason !== undefined) properties.reason = rule.support.reason;
  const tactics = rule.threat.map((t) => t.tactic.name);
  if (tactics.length > 0) properties.tactics = tactics;

  const descriptor: SarifRule = {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.name },
    fullDescription: { text: rule.description.trim() || rule.name },
    defaultConfiguration: { level, enabled: rule.support.supported },
    properties,
  };
  const helpUri = rule.references.find(isAbsoluteUri);
  if (helpUri !== undefined) descriptor.helpUri = helpUri;
  if (rule.note !== undefined && rule.note.trim() !== '') {
    descriptor.help = { text: rule.note, markdown: rule.note };
  }
  return descriptor;
}

function toResult(finding: ExportFinding, ruleIndex: number | undefined,
  artifactIndex: number, suppressed: boolean): SarifResult {
  const { start, end } = finding.range;
  const what = [actionOf(finding), principalOf(finding) && `by ${principalOf(finding)}`,
    sourceAddressOf(finding) && `from ${sourceAddressOf(finding)}`].filter(Boolean).join(' ');

  const result: SarifResult = {
    ruleId: finding.ruleId,
    level: LEVELS[finding.severity],
    message: { text: `${finding.ruleName} [${finding.severity}]${what ? `: ${what}` : ''}` },
    locations: [{ physicalLocation: {
      artifactLocation: artifactLocation(finding.path, artifactIndex),
      region: { startLine: start.line + 1, startColumn: start.character + 1,
        endLine: end.line + 1, endColumn: end.character + 1 },
    } }],
    partialFingerprints: finding.eventId !== undefined
      ? { 'cloudtrailEventId/v1': finding.eventId }
      : { 'cloudtrailEventIndex/v1': `${finding.path}#${finding.eventIndex}` },
    properties: {
      riskScore: finding.riskScore,
      eventId: finding.eventId,
      eventIndex: finding.eventIndex,
      // the clauses that made the query hold, a negated one with its `not`
      matchedClauses: finding.explanation.filter((c) => c.matched !== c.negated)
        .map((c) => (c.negated ? `not ${c.clause}` : c.clause)),
      fields: finding.fields,
    },
  };
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  // no `status`: viewers treat a suppression without one as accepted (the suppression sample
  // of microsoft/sarif-web-component), and the schemas in circulation disagree on its name
  // (the OASIS standard's "status", the TC repository's earlier "state")
  if (finding.suppressedBy !== undefined) {
    result.suppressions = [{ kind: 'external',
      justification: finding.suppressedBy.comment,
      properties: { exceptionId: finding.suppressedBy.id } }];
  } else if (suppressed) {
    // listed as suppressed by the caller without the item: still shown as suppressed
    result.suppressions = [{ kind: 'external',
      justification: 'Suppressed by a rule exception.' }];
  }
  return result;
}

/**
 * The artifactLocation.uri of a path: relative paths stay relative (segments percent-encoded,
 * backslashes read as separators), absolute paths become file: URIs, URIs stay as they are.
 */
export function toArtifactUri(path: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(path)) return path;

  const slashed = path.replace(/\\/g, '/');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^([a-zA-Z]):\//.exec(slashed);
  if (drive !== null) return `file:///${drive[1]}:/${encode(slashed.slice(3))}`;
  if (slashed.startsWith('//')) return `file:${encode(slashed)}`;
  if (slashed.startsWith('/')) return `file://${encode(slashed)}`;
  return encode(slashed);
}

/** The location of a path's artifact: a relative path is marked as under SOURCE_ROOT. */
function artifactLocation(path: string, index?: number): SarifArtifactLocation {
  const uri = toArtifactUri(path);
  const location: SarifArtifactLocation = { uri };
  if (index !== undefined) location.index = index;
  if (!isAbsoluteUri(uri)) location.uriBaseId = SOURCE_ROOT;
  return location;
}

function isAbsoluteUri(text: string): boolean {
  try {
    return new URL(text).protocol.length > 1;
  } catch {
    return false;
  }
}
