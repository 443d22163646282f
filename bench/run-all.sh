#!/usr/bin/env bash
# Builds what the benchmarks need and prints one table (markdown) with the performance targets:
#   cold start (sentrely AOT, sentrely framework-dependent, minimal MCP server AOT and JIT), per-call overhead vs the
#   AWS SDK calling the same double directly, AssumeRole count (per-scope), peak RSS, audit append, policy decision.
#
#   bench/run-all.sh                          full run: builds everything (two Native AOT publishes), 20 launches, 500 calls
#   bench/run-all.sh --smoke --aot PATH       CI smoke: the given AOT binary (no AOT build), 5 launches, 50 calls;
#                                             fails only on gross regressions or a wrong AssumeRole count
#   bench/run-all.sh --aot P --minimal-aot Q  reuse binaries already published (also --jit path/sentrely.dll); other
#                                             options go to the harness
#                                             (--launches N --calls N --warmup N --appends N)
#
# Build outputs go to $SENTRELY_BENCH_OUT (default: a folder under /tmp, outside the repository). ./test.sh runs the
# smoke version after its Native AOT pass.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${SENTRELY_BENCH_OUT:-/tmp/sentrely-bench}
mkdir -p "$out"

aot="" jit="" minimal_aot="" smoke=0 harness_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --aot) aot=$(realpath "$2"); shift 2 ;;
    --minimal-aot) minimal_aot=$(realpath "$2"); shift 2 ;;
    --jit) jit=$(realpath "$2"); shift 2 ;;
    --smoke) smoke=1; harness_args+=("$1"); shift ;;
    *) harness_args+=("$1"); shift ;;
  esac
done

# The Native AOT flags, with the C toolchain looked up only when something is published with them.
aot_flags() {
  # shellcheck source=../build/aot-linker.sh
  . build/aot-linker.sh
  local linker
  linker=$(aot_linker_flag) || { echo "bench: Native AOT needs clang (apt-get install clang zlib1g-dev libsqlite3-dev)" >&2; return 1; }
  echo "-c Release -r linux-x64 -p:PublishAot=true $linker"
}

publish() { echo "publishing $1 -> $2" >&2; dotnet publish "$1" "${@:3}" -o "$2" >"$2.log" 2>&1 || { cat "$2.log" >&2; exit 1; }; }

if [ -z "$aot" ]; then
  flags=$(aot_flags) || exit 1
  # shellcheck disable=SC2086
  publish src/Sentrely.Mcp "$out/sentrely-aot" $flags
  aot="$out/sentrely-aot/sentrely"
fi
if [ -z "$jit" ]; then
  publish src/Sentrely.Mcp "$out/sentrely-jit" -c Release
  jit="$out/sentrely-jit/sentrely.dll"
fi
publish bench/MinimalMcpServer "$out/minimal-jit" -c Release
variants=(--aot "$aot" --jit "$jit" --minimal-jit "$out/minimal-jit/minimal-mcp-server.dll")
if [ -z "$minimal_aot" ] && [ "$smoke" = 0 ]; then
  flags=$(aot_flags) || exit 1
  # shellcheck disable=SC2086
  publish bench/MinimalMcpServer "$out/minimal-aot" $flags
  minimal_aot="$out/minimal-aot/minimal-mcp-server"
fi
if [ -n "$minimal_aot" ]; then variants+=(--minimal-aot "$minimal_aot"); fi

dotnet build bench/Sentrely.Harness/Sentrely.Harness.csproj -c Release -o "$out/harness" >"$out/harness.log" 2>&1 || { cat "$out/harness.log" >&2; exit 1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), dotnet $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$out/harness/sentrely-harness.dll" "${variants[@]}" "${harness_args[@]}"
