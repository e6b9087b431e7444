// A stand-in for the 'vscode' module, so that modules which import it at the top can be loaded
// by node:test to test the pure functions and classes they export. Every top-level name that
// @types/vscode declares is a stub that can be called, constructed or read further; `overrides`
// replaces the members a test reads back (a CodeAction's title, say). Installed by hooking the
// module loader for 'vscode' only.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/** A value that is every member, function and class of the API at once. */
function anything(): unknown {
  const members = new Map<PropertyKey, unknown>();
  return new Proxy(function stub() { /* any call */ }, {
    get(_target, key) {
      // not a thenable, not iterable, not convertible: await and templates see a plain object
      if (typeof key === 'symbol' || key === 'then') return undefined;
      if (!members.has(key)) members.set(key, anything());
      return members.get(key);
    },
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

/**
 * The API's top-level names (classes, enums, namespaces, functions). The module needs them as
 * own properties: the compiled `import * as vscode` copies only those.
 */
function apiNames(): string[] {
  const types = path.join(path.dirname(require.resolve('@types/vscode/package.json')),
    'index.d.ts');
  const declarations = /^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm;
  return [...readFileSync(types, 'utf8').matchAll(declarations)].map((match) => match[1]);
}

/** Makes require('vscode') return the stub, with `overrides` as its own members. */
export function installVscodeStub(overrides: Record<string, unknown> = {}): void {
  const stub: Record<string, unknown> = {};
  for (const name of apiNames()) stub[name] = anything();
  Object.assign(stub, overrides);

  const loader = Module as unknown as { _load: Loader };
  const original = loader._load;
  loader._load = function load(request, parent, isMain) {
    if (request === 'vscode') return stub;
    return original.call(this, request, parent, isMain);
  };
}
