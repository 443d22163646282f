#!/usr/bin/env bash
# Runs ./install.sh for real (a Native AOT publish: minutes of both cores) into a temporary PREFIX and checks the result:
# only the executable (and native libraries) installed, the PATH warning, `--version` matching the project's Version,
# `tools list` from another folder, and a stdio MCP initialize + tools/list with nothing but JSON-RPC on stdout.
#
#   packaging/check-install.sh                          # publish folder in a temporary folder
#   SENTRELY_AOT_OUT=/tmp/aot packaging/check-install.sh  # keep the publish folder (e.g. for the AOT end-to-end pass)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sentrely-install-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "check-install: FAIL: $*" >&2; exit 1; }

prefix="$work/prefix/bin"
mkdir -p "$work/home" "$work/elsewhere"
echo "== ./install.sh into $prefix"
PREFIX="$prefix" "$root/install.sh" >"$work/install.out" 2>"$work/install.err" || { cat "$work/install.err" >&2; fail "install.sh exited non-zero"; }
cat "$work/install.out"

[ -x "$prefix/sentrely" ] || fail "no $prefix/sentrely"
extra=$(cd "$prefix" && find . -mindepth 1 ! -name sentrely ! -name '*.so' ! -name '*.dylib' | head -5)
[ -z "$extra" ] || fail "install.sh copied more than the executable and native libraries: $extra"
# Where the system has a static SQLite for this machine, it is linked in: the install is one file.
if [ -f "/usr/lib/$(uname -m)-linux-gnu/libsqlite3.a" ]; then
  [ "$(ls -A "$prefix")" = sentrely ] || fail "SQLite was not linked into the binary: $prefix holds $(ls -A "$prefix" | tr '\n' ' ')"
fi
grep -q "is not on your PATH" "$work/install.out" || fail "no warning that $prefix is not on PATH"
grep -q "claude mcp add sentrely" "$work/install.out" || fail "no next step printed"

expected=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/src/Sentrely.Mcp/Sentrely.Mcp.csproj" | head -1)
version=$(cd "$work/elsewhere" && HOME="$work/home" "$prefix/sentrely" --version)
case "$version" in "$expected"|"$expected+"*) ;; *) fail "--version printed '$version', expected $expected";; esac
(cd "$work/elsewhere" && HOME="$work/home" "$prefix/sentrely" tools list) | grep -q describe-instances || fail "tools list has no describe-instances"

echo "== stdio initialize + tools/list against the installed binary (sandbox)"
(cd "$work/elsewhere" && env -u SENTRELY_CONFIG -u XDG_CONFIG_HOME -u XDG_STATE_HOME HOME="$work/home" timeout 120 python3 - "$prefix/sentrely") <<'PY' || fail "stdio handshake"
import json, subprocess, sys
requests = [
    {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "check-install", "version": "1"}}},
    {"jsonrpc": "2.0", "method": "notifications/initialized"},
    {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
]
server = subprocess.Popen([sys.argv[1], "serve", "--sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
answers = {}
for request in requests:
    server.stdin.write(json.dumps(request) + "\n"); server.stdin.flush()
    while "id" in request and request["id"] not in answers:
        line = server.stdout.readline()
        if not line:
            sys.exit("the server closed stdout before answering " + request["method"])
        message = json.loads(line)  # anything but JSON-RPC on stdout fails here
        if "id" in message:
            answers[message["id"]] = message
server.stdin.close(); server.wait(timeout=30)
assert answers[1]["result"]["serverInfo"]["name"].lower().startswith("sentrely"), answers[1]
tools = [t["name"] for t in answers[2]["result"]["tools"]]
assert "describe-instances" in tools, tools
print(f"initialize ok ({answers[1]['result']['protocolVersion']}), {len(tools)} tools")
PY
echo "check-install: OK ($(du -h "$prefix/sentrely" | cut -f1) binary, $(ls "$prefix" | wc -l) file(s) installed)"
