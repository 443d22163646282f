#!/usr/bin/env bash
# Builds Sentrely as one Native AOT executable and installs it into ${PREFIX:-~/.local/bin}.
#
#   ./install.sh                      # this machine's runtime identifier (linux-x64, linux-arm64, osx-arm64, osx-x64, ...)
#   ./install.sh --rid linux-musl-x64 # another one (Native AOT does not cross-compile between operating systems)
#   PREFIX=/usr/local/bin ./install.sh
#   ./install.sh --dry-run            # print what would run, change nothing
#
# Needs the .NET 10 SDK and a native toolchain: on Debian/Ubuntu `apt-get install clang zlib1g-dev libsqlite3-dev`
# (libsqlite3-dev links SQLite into the binary; without it the bundled libe_sqlite3.so is installed beside it); on macOS the Xcode
# command line tools. SENTRELY_AOT_OUT=<dir> keeps the publish folder there (CI reuses it to run the end-to-end tests
# against the native binary); otherwise it is a temporary folder, deleted on exit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix=${PREFIX:-$HOME/.local/bin}
rid=${SENTRELY_RID:-}
dry_run=0

fail() { echo "install.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rid) [ $# -ge 2 ] || fail "--rid needs a value, e.g. --rid linux-arm64"; rid=$2; shift 2 ;;
    --rid=*) rid=${1#--rid=}; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (try --help)" ;;
  esac
done

detect_rid() {
  local os arch
  os=$(uname -s)
  arch=$(uname -m)
  case "$arch" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) fail "unsupported CPU '$arch': pass --rid (see https://learn.microsoft.com/dotnet/core/rid-catalog)" ;;
  esac
  case "$os" in
    Linux)
      if [ -f /etc/alpine-release ] || { command -v ldd >/dev/null && ldd --version 2>&1 | grep -qi musl; }; then
        echo "linux-musl-$arch"
      else
        echo "linux-$arch"
      fi ;;
    Darwin) echo "osx-$arch" ;;
    *) fail "unsupported operating system '$os': on Windows use 'dotnet tool install -g Sentrely.Mcp', or pass --rid" ;;
  esac
}

[ -n "$rid" ] || rid=$(detect_rid)
[[ "$rid" =~ ^[a-z0-9.-]+$ ]] || fail "'$rid' is not a runtime identifier"

command -v dotnet >/dev/null || fail "the .NET 10 SDK is required (https://dot.net/download): 'dotnet' is not on PATH"

# shellcheck source=build/aot-linker.sh
. "$root/build/aot-linker.sh"
publish_args=()
case "$rid" in
  linux-*)
    linker=$(aot_linker_flag) || fail "no C toolchain for Native AOT: install one with 'sudo apt-get install clang zlib1g-dev libsqlite3-dev' (or your distribution's clang, zlib and SQLite development packages)"
    [ -z "$linker" ] || publish_args+=("$linker")
    zlib_found=$(find /usr/lib /usr/lib64 /lib /usr/local/lib -maxdepth 2 \( -name 'libz.so' -o -name 'libz.a' \) 2>/dev/null | head -1 || true)
    [ -n "$zlib_found" ] || fail "zlib's development files are missing: install them with 'sudo apt-get install zlib1g-dev'"
    ;;
  osx-*)
    command -v clang >/dev/null || fail "no C toolchain for Native AOT: install the Xcode command line tools ('xcode-select --install')" ;;
esac

if [ -n "${SENTRELY_AOT_OUT:-}" ]; then
  out=$SENTRELY_AOT_OUT
else
  out=$(mktemp -d "${TMPDIR:-/tmp}/sentrely-aot.XXXXXX")
  [ "$dry_run" = 1 ] || trap 'rm -rf "$out"' EXIT
fi

publish=(dotnet publish "$root/src/Sentrely.Mcp/Sentrely.Mcp.csproj" -c Release -r "$rid" -p:PublishAot=true ${publish_args[@]+"${publish_args[@]}"} -o "$out" -nologo)
if [ "$dry_run" = 1 ]; then
  echo "rid: $rid"
  echo "publish: ${publish[*]}"
  echo "install: $prefix/sentrely"
  [ -n "${SENTRELY_AOT_OUT:-}" ] || rm -rf "$out"
  exit 0
fi

echo "== publishing the Native AOT binary for $rid (a few minutes)"
"${publish[@]}" >&2

[ -x "$out/sentrely" ] || fail "the publish produced no $out/sentrely"
mkdir -p "$prefix"
# Only the executable, and the native libraries it loads from its own folder where SQLite could not be linked in
# (no static libsqlite3.a for this runtime identifier: see src/Sentrely.Mcp/NativeAot.targets).
# Each file lands under a temporary name first, so a running `sentrely serve` is never overwritten in place.
for file in "$out/sentrely" "$out"/*.so "$out"/*.dylib; do
  [ -f "$file" ] || continue
  name=$(basename "$file")
  install -m 0755 "$file" "$prefix/.$name.installing"
  mv -f "$prefix/.$name.installing" "$prefix/$name"
  echo "installed $prefix/$name"
done

"$prefix/sentrely" --version >/dev/null || fail "$prefix/sentrely does not run"

echo
echo "Sentrely $("$prefix/sentrely" --version) is installed. Next:"
echo "  sentrely doctor                               # checks your configuration and AWS setup"
echo "  claude mcp add sentrely -- \"$prefix/sentrely\" serve   # registers it with Claude Code"
case ":$PATH:" in
  *":$prefix:"*) ;;
  *) echo; echo "warning: $prefix is not on your PATH; add it (e.g. export PATH=\"$prefix:\$PATH\" in ~/.bashrc) or use the full path." ;;
esac
