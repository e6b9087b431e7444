// A minimal stand-in for the parts of the vscode API the guide panel uses, so that the panel's
// glue (options, reuse, messages, restore) is tested with node:test. Installed by hooking the
// module loader for the one request 'vscode'.
import Module from 'node:module';

type Listener<T> = (value: T) => unknown;

/** vscode's Event<T>: subscribe, get a disposable. */
class Emitter<T> {
  listeners: Listener<T>[] = [];

  event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}

export class FakeUri {
  constructor(readonly scheme: string, readonly path: string) {}

  static joinPath(base: FakeUri, ...segments: string[]): FakeUri {
    return new FakeUri(base.scheme, [base.path, ...segments].join('/'));
  }

  static parse(text: string): FakeUri {
    const url = new URL(text);
    return new FakeUri(url.protocol.slice(0, -1), decodeURIComponent(url.pathname));
  }

  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class FakePanel {
  readonly disposeEmitter = new Emitter<void>();
  readonly viewStateEmitter = new Emitter<unknown>();
  readonly messageEmitter = new Emitter<unknown>();
  title: string;
  visible = true;
  disposed = false;
  reveals = 0;
  htmlHistory: string[] = [];

  readonly webview = {
    options: {} as { [key: string]: unknown },
    cspSource: 'https://fake.vscode-cdn.net',
    asWebviewUri: (uri: FakeUri) => new FakeUri('https', `webview${uri.path}`),
    onDidReceiveMessage: this.messageEmitter.event,
    set html(value: string) { this.owner.htmlHistory.push(value); },
    get html(): string { return this.owner.htmlHistory.at(-1) ?? ''; },
    owner: this as FakePanel,
  };

  onDidDispose = this.disposeEmitter.event;
  onDidChangeViewState = this.viewStateEmitter.event;

  constructor(readonly viewType: string, title: string, readonly showOptions: unknown,
    options: { [key: string]: unknown }) {
    this.title = title;
    this.webview.options = options;
  }

  reveal(): void {
    this.reveals += 1;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }

  /** Simulates the page posting a message; waits for the panel's async handling. */
  async post(message: unknown): Promise<void> {
    this.messageEmitter.fire(message);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const fake = {
  panels: [] as FakePanel[],
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakePanel, state: unknown):
    Thenable<void> }>(),
  warnings: [] as string[],
  settings: new Map<string, unknown>(),
};

export const vscodeStub = {
  ViewColumn: { Active: -1, Beside: -2 },
  Uri: FakeUri,
  window: {
    activeTextEditor: undefined,
    createWebviewPanel(viewType: string, title: string, showOptions: unknown,
      options: { [key: string]: unknown }): FakePanel {
      const panel = new FakePanel(viewType, title, showOptions, options);
      fake.panels.push(panel);
      return panel;
    },
    registerWebviewPanelSerializer(viewType: string,
      serializer: (typeof fake.serializers extends Map<string, infer S> ? S : never)) {
      fake.serializers.set(viewType, serializer);
      return { dispose: () => fake.serializers.delete(viewType) };
    },
    showWarningMessage(message: string): Promise<undefined> {
      fake.warnings.push(message);
      return Promise.resolve(undefined);
    },
  },
  workspace: {
    getConfiguration(section: string) {
      return { get: (key: string) => fake.settings.get(`${section}.${key}`) };
    },
  },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoader = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoader._load;

/** Makes require('vscode') return the stub, for modules loaded after this call. */
export function installVscodeStub(): void {
  moduleWithLoader._load = function load(request, parent, isMain) {
    if (request === 'vscode') return vscodeStub;
    return originalLoad.call(this, request, parent, isMain);
  };
}
