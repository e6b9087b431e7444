// code-server on loopback, with its own profile, extensions folder and configuration, so a run
// neither reads nor writes anything outside its run folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { codeServerEntry, ensureDir, node24Path } from './paths.mjs';
import { isAlive, killTree, processTree, waitUntil, withTimeout } from './process-tree.mjs';

const INSTALL_TIMEOUT_MS = 120_000;
const READY_TIMEOUT_MS = 90_000;

// Settings that keep the workbench free of welcome pages, prompts and network look-ups.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'remote.autoForwardPorts': false,
  'editor.hover.delay': 200,
  // The hover test selects a token through Find: typing must move the selection to the match.
  'editor.find.cursorMoveOnType': true,
  'editor.find.seedSearchStringFromSelection': 'never',
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

// Starts code-server for one run: installs the VSIX, then serves workspaceDir on a free port.
export async function startCodeServer({ runDir, vsix, workspaceDir }) {
  const dirs = prepareDirs(runDir);
  await installExtension(dirs, vsix);

  const port = await freePort();
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    ...commonArgs(dirs),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspaceDir,
  ];
  const child = spawn(node24Path(), args, { env: dirs.env, stdio: ['ignore', log, log] });
  fs.closeSync(log);

  // A test process that exits or is stopped early must not leave a server behind.
  const onExit = () => killSync(child.pid);
  const onSignal = (signal) => {
    killSync(child.pid);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const url = `http://127.0.0.1:${port}`;
  const server = {
    url,
    workspaceUrl: `${url}/?folder=${encodeURIComponent(workspaceDir)}`,
    pid: child.pid,
    logFile,
    async stop() {
      process.removeListener('exit', onExit);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await killTree(child.pid);
    },
    logTail: (lines = 40) => tail(logFile, lines),
  };

  try {
    await waitUntil(async () => {
      if (child.exitCode !== null || !isAlive(child.pid)) {
        throw new Error(`code-server exited with ${child.exitCode}:\n${server.logTail()}`);
      }
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    }, READY_TIMEOUT_MS, `code-server answering on ${url}/healthz`, 300);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

// Creates the run's private folders and the environment that points code-server at them.
function prepareDirs(runDir) {
  const dirs = {
    userData: ensureDir(path.join(runDir, 'user-data')),
    extensions: ensureDir(path.join(runDir, 'extensions')),
    config: path.join(runDir, 'code-server.yaml'),
  };

  ensureDir(path.join(dirs.userData, 'User'));
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(USER_SETTINGS, null, 2));

  // Flags on the command line win over this file; it exists so the user's own is never read.
  fs.writeFileSync(dirs.config, 'auth: none\ncert: false\n');

  // Keep secrets and listening addresses of the calling shell away from code-server.
  const env = { ...process.env };
  for (const name of ['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'GITHUB_TOKEN', 'VSCODE_PROXY_URI']) {
    delete env[name];
  }
  // An empty gallery turns the marketplace off: the machines cannot reach it anyway.
  env.EXTENSIONS_GALLERY = '{}';
  env.XDG_CONFIG_HOME = ensureDir(path.join(runDir, 'xdg-config'));
  env.XDG_DATA_HOME = ensureDir(path.join(runDir, 'xdg-data'));
  env.XDG_CACHE_HOME = ensureDir(path.join(runDir, 'xdg-cache'));
  dirs.env = env;
  return dirs;
}

// The arguments every code-server invocation of a run shares.
function commonArgs(dirs) {
  return [
    codeServerEntry(),
    '--config', dirs.config,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
}

// Installs the VSIX into the run's extensions folder and checks it is listed afterwards.
async function installExtension(dirs, vsix) {
  if (!fs.existsSync(vsix)) {
    throw new Error(`VSIX not found: ${vsix} (run \`npm run package\` in the repository root ` +
      'or set CTL_VSIX)');
  }

  const install = await run(node24Path(),
    [...commonArgs(dirs), '--force', '--install-extension', vsix], dirs.env, INSTALL_TIMEOUT_MS);
  if (install.code !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${install.code}):\n${install.output}`);
  }

  const list = await run(node24Path(), [...commonArgs(dirs), '--list-extensions'], dirs.env,
    INSTALL_TIMEOUT_MS);
  const installed = list.output.split('\n').map((line) => line.trim()).filter(Boolean);
  if (list.code !== 0 || installed.length === 0) {
    throw new Error(`no extension listed after installing ${vsix}:\n${list.output}`);
  }
}

// Runs a command to completion, killing it after timeoutMs; resolves with its code and output.
async function run(command, args, env, timeoutMs) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });

  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });

  try {
    const what = `${path.basename(command)} ${args.slice(1).join(' ')}`;
    return await withTimeout(done, timeoutMs, what);
  } catch (error) {
    await killTree(child.pid, 1000);
    throw error;
  }
}

// A TCP port that was free on 127.0.0.1 a moment ago.
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Kills a tree at once, for the synchronous 'exit' hook where nothing can be awaited.
function killSync(pid) {
  for (const member of processTree(pid)) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

// The last lines of a file, or a note that it cannot be read.
function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch (error) {
    return `(no log: ${error.message})`;
  }
}
