// Which rule paths from the settings are read, given workspace trust. Pure: resolution to
// URIs happens in rule-store.ts; here, the classification of a setting value and the decision
// to skip workspace rule files while the workspace is not trusted.

export type RulePathKind = 'uri' | 'absolute' | 'home' | 'relative';

/** A rule path after resolution, with the setting value it came from. */
export interface ResolvedRulePath {
  setting: string;
  uri: string;
}

/** The rule paths to read, and those left out because the workspace is not trusted. */
export interface TrustFiltered {
  accepted: ResolvedRulePath[];
  skipped: ResolvedRulePath[];
}

/** Classifies a value of cloudtrailLens.rules.paths. */
export function classifyRulePath(value: string): RulePathKind {
  if (/^[a-zA-Z]:[\\/]/.test(value) || value.startsWith('\\\\')) return 'absolute';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(value)) return 'uri';
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) return 'home';
  return value.startsWith('/') ? 'absolute' : 'relative';
}

/** Whether a URI lies inside (or is) a folder URI; compared as URI strings. */
export function isInside(uri: string, folder: string): boolean {
  const base = folder.endsWith('/') ? folder : folder + '/';
  return uri === folder || uri.startsWith(base);
}

/**
 * Keeps every path in a trusted workspace. In Restricted Mode, drops rule files inside the
 * workspace folders: VS Code already ignores workspace values of the setting (it is listed in
 * restrictedConfigurations), and this also covers a user value that points into the workspace.
 */
export function filterByTrust(paths: readonly ResolvedRulePath[], trusted: boolean,
  workspaceFolders: readonly string[]): TrustFiltered {
  if (trusted) return { accepted: [...paths], skipped: [] };

  const accepted: ResolvedRulePath[] = [];
  const skipped: ResolvedRulePath[] = [];
  for (const path of paths) {
    const inWorkspace = workspaceFolders.some((folder) => isInside(path.uri, folder));
    (inWorkspace ? skipped : accepted).push(path);
  }
  return { accepted, skipped };
}
