// Stopping a process with everything it started, and bounding every wait.
import fs from 'node:fs';

// Rejects with a message naming what timed out, unless promise settles first.
export async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });

  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Polls check() until it returns a truthy value, failing with the last error after ms.
export async function waitUntil(check, ms, what, intervalMs = 250) {
  const deadline = Date.now() + ms;
  let lastError;

  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }

  const cause = lastError ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${ms} ms: ${what}${cause}`);
}

// The ids of pid and all its descendants, read from /proc, parents before children.
export function processTree(pid) {
  const children = new Map();

  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid === undefined) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }

  const tree = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift();
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

// The parent id from /proc/<pid>/stat; the command name may contain spaces and parentheses.
function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

// Whether a process with this id still exists (zombies count as gone).
export function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

// Sends SIGTERM to pid's whole tree, then SIGKILL to whatever is left after graceMs.
export async function killTree(pid, graceMs = 5000) {
  // Collect first: once the parent dies its children are re-parented and lost from the tree.
  const pids = processTree(pid);
  signalAll(pids, 'SIGTERM');

  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  signalAll(pids.filter(isAlive), 'SIGKILL');
}

// Signals each pid, ignoring those that already exited.
function signalAll(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
