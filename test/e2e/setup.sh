#!/usr/bin/env bash
# Prepares a machine for the end-to-end tests: Debian's Chromium and the headers that
# code-server's native modules build against, then the harness's npm packages (install-harness.sh).
# Safe to run again: it installs only what is missing or out of date. --force reinstalls the
# npm packages.
set -euo pipefail
cd "$(dirname "$0")"

debian_packages=(chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)
missing=()
for package in "${debian_packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  if [ "$status" != "install ok installed" ]; then missing+=("$package"); fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  # Another apt run on the machine holds the lock for a while: wait for it rather than fail.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    "${missing[@]}"
fi
/usr/bin/chromium --version

# The stamp ties node_modules to the lock file it was installed from.
stamp="node_modules/.harness-lock.sha256"
wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  echo "setup: npm packages already installed from this package-lock.json"
else
  npm run setup
  echo "$wanted" > "$stamp"
fi
