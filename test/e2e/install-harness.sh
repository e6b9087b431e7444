#!/usr/bin/env bash
# Installs the harness's npm packages from package-lock.json. code-server's install script must
# run under Node 24, which itself arrives as an npm package, so one `npm ci` becomes three steps.
set -euo pipefail
cd "$(dirname "$0")"

# Every locked package, with no install script run yet.
npm ci --ignore-scripts --no-audit --no-fund

# The `node` package's preinstall fetches its platform binary package from the npm registry.
npm rebuild node
node24_home=""
for dir in node_modules/node/node_modules/node-*/; do
  if [ -f "${dir}include/node/node.h" ] && [ -x "${dir}bin/node" ]; then
    node24_home="$PWD/${dir%/}"
  fi
done
if [ -z "$node24_home" ]; then
  echo "install-harness: the node package installed no binary with headers" >&2
  exit 1
fi
major="$("$node24_home/bin/node" -p 'process.versions.node.split(".")[0]')"
if [ "$major" != "24" ]; then
  echo "install-harness: expected Node 24 from the node package, got $major" >&2
  exit 1
fi

# code-server's postinstall checks the Node major in npm's user agent, then installs VS Code's
# own dependencies and builds their native modules; node-gyp must use Node 24's headers, not
# the machine's Node 20 ones that ~/.npmrc names. Under `npm run`, the outer npm's user agent
# (naming Node 20) is in the environment and would be taken as this npm's own.
env -u npm_config_user_agent PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" \
  npm rebuild argon2 code-server --no-audit --no-fund

code_server_version="$(node -p "require('./node_modules/code-server/package.json').version")"
echo "install-harness: code-server $code_server_version, Node $("$node24_home/bin/node" --version)"
