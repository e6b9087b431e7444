// Typed access to the cloudtrailLens.* settings. Pure: the caller hands in a configuration
// section (vscode.WorkspaceConfiguration fits the SettingsSource shape), so every default and
// every repair of a bad user value is unit-tested without VS Code.
import type { Severity } from '../core/types';

/** The four levels VS Code shows; mirrors vscode.DiagnosticSeverity without importing it. */
export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint';

export type PruningOption = 'newest' | '2024';
export type RetainOption = 'all' | 'keyword' | 'flattened' | 'minimal' | 'none';

/** What the extension reads from a configuration section. */
export interface SettingsSource {
  get<T>(key: string): T | undefined;
}

/** Settings that may differ per document (read with the document's URI as scope). */
export interface DocumentSettings {
  enable: boolean;
  severityMapping: Record<Severity, DiagnosticLevel>;
  maxDiagnosticsPerFile: number;
  codeLensEnabled: boolean;
  pruning: PruningOption;
  retain: RetainOption;
}

/** How the "Add exception" quick fix fills in an item (window-wide). */
export interface ExceptionSettings {
  /** The author recorded on new items; empty means the operating system's user name. */
  author: string;
  /** Days until a new item expires; 0 means it never does. */
  defaultExpiryDays: number;
}

/** Settings that are global to the window: which rules load, how fast edits re-analyse. */
export interface WindowSettings {
  rulePaths: string[];
  disabledRules: string[];
  throttleMs: number;
  allowHttpLinks: boolean;
}

export const SECTION = 'cloudtrailLens';

/** VS Code shows at most 1,000 diagnostics per file; more would be dropped silently. */
export const DIAGNOSTICS_HARD_LIMIT = 1000;

export const DEFAULT_SEVERITY_MAPPING: Readonly<Record<Severity, DiagnosticLevel>> = {
  low: 'information',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};

export const DEFAULT_THROTTLE_MS = 400;
const MAX_THROTTLE_MS = 10_000;
/** Ten years: beyond that an expiry date stops meaning anything. */
const MAX_EXPIRY_DAYS = 3650;

const LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint'];
const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const PRUNING: readonly PruningOption[] = ['newest', '2024'];
const RETAIN: readonly RetainOption[] = ['all', 'keyword', 'flattened', 'minimal', 'none'];

/** Reads the per-document settings, replacing any value of the wrong type by its default. */
export function readDocumentSettings(source: SettingsSource): DocumentSettings {
  return {
    enable: booleanOr(source.get('enable'), true),
    severityMapping: severityMappingOf(source.get('severityMapping')),
    maxDiagnosticsPerFile: clampInteger(source.get('maxDiagnosticsPerFile'), 1,
      DIAGNOSTICS_HARD_LIMIT, DIAGNOSTICS_HARD_LIMIT),
    codeLensEnabled: booleanOr(source.get('codeLens.enabled'), true),
    pruning: oneOf(source.get('pipeline.pruning'), PRUNING, 'newest'),
    retain: oneOf(source.get('pipeline.retain'), RETAIN, 'all'),
  };
}

/** Reads the window-wide settings, replacing any value of the wrong type by its default. */
export function readWindowSettings(source: SettingsSource): WindowSettings {
  return {
    rulePaths: stringList(source.get('rules.paths')),
    disabledRules: stringList(source.get('rules.disabled')),
    throttleMs: clampInteger(source.get('analysis.throttleMs'), 0, MAX_THROTTLE_MS,
      DEFAULT_THROTTLE_MS),
    allowHttpLinks: booleanOr(source.get('links.allowHttp'), false),
  };
}

/** Reads the settings of the "Add exception" quick fix, repairing bad values. */
export function readExceptionSettings(source: SettingsSource): ExceptionSettings {
  const author = source.get('exceptions.author');
  return {
    author: typeof author === 'string' ? author.trim() : '',
    defaultExpiryDays: clampInteger(source.get('exceptions.defaultExpiryDays'), 0,
      MAX_EXPIRY_DAYS, 0),
  };
}

/** Merges a user's partial mapping over the defaults; unknown levels fall back per severity. */
export function severityMappingOf(value: unknown): Record<Severity, DiagnosticLevel> {
  const mapping = { ...DEFAULT_SEVERITY_MAPPING };
  if (!isRecord(value)) return mapping;

  for (const severity of SEVERITIES) {
    mapping[severity] = oneOf(value[severity], LEVELS, mapping[severity]);
  }
  return mapping;
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.map((item) => item.trim()).filter((item) => item.length > 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
