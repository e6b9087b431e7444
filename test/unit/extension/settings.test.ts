import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_SEVERITY_MAPPING, readDocumentSettings, readExceptionSettings, readWindowSettings,
  severityMappingOf, type SettingsSource,
} from '../../../src/extension/settings';

function source(values: Record<string, unknown>): SettingsSource {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

interface ManifestProperty {
  default?: unknown;
  scope?: string;
  markdownDescription?: string;
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'),
  'utf8')) as { contributes: { configuration: { properties: Record<string, ManifestProperty> } } };
const properties = manifest.contributes.configuration.properties;

void describe('readDocumentSettings', () => {
  void it('gives working defaults when nothing is set', () => {
    const actual = readDocumentSettings(source({}));

    assert.deepEqual(actual, {
      enable: true,
      severityMapping: DEFAULT_SEVERITY_MAPPING,
      maxDiagnosticsPerFile: 1000,
      codeLensEnabled: true,
      pruning: 'newest',
      retain: 'all',
    });
  });

  void it('reads each setting under its dotted key', () => {
    const actual = readDocumentSettings(source({
      'enable': false, 'maxDiagnosticsPerFile': 50, 'codeLens.enabled': false,
      'pipeline.pruning': '2024', 'pipeline.retain': 'minimal',
      'severityMapping': { critical: 'warning' },
    }));

    assert.equal(actual.enable, false);
    assert.equal(actual.maxDiagnosticsPerFile, 50);
    assert.equal(actual.codeLensEnabled, false);
    assert.equal(actual.pruning, '2024');
    assert.equal(actual.retain, 'minimal');
    assert.equal(actual.severityMapping.critical, 'warning');
    assert.equal(actual.severityMapping.low, DEFAULT_SEVERITY_MAPPING.low);
  });

  void it('clamps the cap to 1..1000, since VS Code shows no more than 1000 per file', () => {
    assert.equal(readDocumentSettings(source({ maxDiagnosticsPerFile: 5000 }))
      .maxDiagnosticsPerFile, 1000);
    assert.equal(readDocumentSettings(source({ maxDiagnosticsPerFile: 0 }))
      .maxDiagnosticsPerFile, 1);
    assert.equal(readDocumentSettings(source({ maxDiagnosticsPerFile: 12.7 }))
      .maxDiagnosticsPerFile, 12);
  });

  void it('replaces values of the wrong type or outside the enum by their defaults', () => {
    const actual = readDocumentSettings(source({
      'enable': 'yes', 'maxDiagnosticsPerFile': '10', 'pipeline.pruning': 'oldest',
      'pipeline.retain': 7, 'severityMapping': ['error'],
    }));

    assert.equal(actual.enable, true);
    assert.equal(actual.maxDiagnosticsPerFile, 1000);
    assert.equal(actual.pruning, 'newest');
    assert.equal(actual.retain, 'all');
    assert.deepEqual(actual.severityMapping, DEFAULT_SEVERITY_MAPPING);
  });
});

void describe('severityMappingOf', () => {
  void it('maps low, medium, high and critical to the chosen VS Code levels', () => {
    const actual = severityMappingOf({ low: 'hint', medium: 'information', high: 'warning',
      critical: 'error' });

    assert.deepEqual(actual, { low: 'hint', medium: 'information', high: 'warning',
      critical: 'error' });
  });

  void it('keeps the default for a level it does not know', () => {
    const actual = severityMappingOf({ high: 'fatal' });

    assert.equal(actual.high, DEFAULT_SEVERITY_MAPPING.high);
  });
});

void describe('readWindowSettings', () => {
  void it('trims rule paths and drops empty and non-string entries', () => {
    const actual = readWindowSettings(source({
      'rules.paths': [' ~/rules ', '', 3, 'team-rules'],
      'rules.disabled': ['abc'],
    }));

    assert.deepEqual(actual.rulePaths, ['~/rules', 'team-rules']);
    assert.deepEqual(actual.disabledRules, ['abc']);
  });

  void it('defaults to a 400 ms throttle and https-only links', () => {
    const actual = readWindowSettings(source({}));

    assert.equal(actual.throttleMs, 400);
    assert.equal(actual.allowHttpLinks, false);
  });
});

void describe('readExceptionSettings', () => {
  void it('defaults to the OS user as author and to items that never expire', () => {
    assert.deepEqual(readExceptionSettings(source({})), { author: '', defaultExpiryDays: 0 });
  });

  void it('trims the author and keeps the expiry within 0 to 3650 whole days', () => {
    const actual = readExceptionSettings(source({ 'exceptions.author': '  sec-team ',
      'exceptions.defaultExpiryDays': 30.9 }));

    assert.deepEqual(actual, { author: 'sec-team', defaultExpiryDays: 30 });
    assert.equal(readExceptionSettings(source({ 'exceptions.defaultExpiryDays': 99999 }))
      .defaultExpiryDays, 3650);
    assert.equal(readExceptionSettings(source({ 'exceptions.defaultExpiryDays': -4,
      'exceptions.author': 7 })).author, '');
  });
});

void describe('the settings contributed in package.json', () => {
  void it('declare a scope and a Markdown description for every setting', () => {
    const names = Object.keys(properties);

    assert.ok(names.length >= 10);
    for (const name of names) {
      assert.ok(name.startsWith('cloudtrailLens.'), name);
      assert.ok(properties[name].scope, `${name} has no scope`);
      assert.ok(properties[name].markdownDescription, `${name} has no markdownDescription`);
    }
  });

  void it('have the defaults the code falls back to', () => {
    const defaults = (prefix: string) => source(Object.fromEntries(Object.entries(properties)
      .map(([name, p]) => [name.slice(prefix.length), p.default])));

    assert.deepEqual(readDocumentSettings(defaults('cloudtrailLens.')),
      readDocumentSettings(source({})));
    assert.deepEqual(readWindowSettings(defaults('cloudtrailLens.')),
      readWindowSettings(source({})));
    assert.deepEqual(readExceptionSettings(defaults('cloudtrailLens.')),
      readExceptionSettings(source({})));
  });

  void it('make the rule paths machine-overridable', () => {
    assert.equal(properties['cloudtrailLens.rules.paths'].scope, 'machine-overridable');
  });
});
