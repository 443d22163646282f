#!/usr/bin/env bash
# Runs Sentrely's benchmarks in Release (BenchmarkDotNet, in-process) and prints the summary table.
# Extra arguments go to BenchmarkDotNet, e.g. `bench/run.sh --filter '*PolicyBenchmarks*'`. Not part of ./test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
artifacts=bench/BenchmarkDotNet.Artifacts
rm -rf "$artifacts/results"
filter=("--filter" "*")
for arg in "$@"; do [ "$arg" = "--filter" ] && filter=(); done
dotnet run -c Release --project bench/Sentrely.Benchmarks/Sentrely.Benchmarks.csproj -- "${filter[@]}" --artifacts "$artifacts" "$@" >&2
echo
cat "$artifacts"/results/*-report-github.md
