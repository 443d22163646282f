#!/usr/bin/env bash
# Fuzzes Sentrely's hostile-input surfaces for a bounded time: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Targets: config (YAML → configuration loader), arguments (JSON → each tool's ValidateAsync), glob (Glob vs CompiledGlob).
# With afl-fuzz (Debian: apt-get install afl++) the target assemblies are instrumented with SharpFuzz and AFL++ guides
# the search by coverage; without it, an unguided mutation driver runs instead (and says so).
# New corpus entries go to fuzz/corpus/TARGET (review and commit them: tests replay that folder); crashes and hangs
# go to fuzz/findings/TARGET (not committed: turn each into a corpus entry once fixed).
# Not run by CI: it is slow and machine-hungry. Runs under nice.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(config arguments glob)
out="$here/out"
tools="$here/.tools"

nice -n 19 dotnet build "$here/Sentrely.Fuzz/Sentrely.Fuzz.csproj" -c Release -nologo -v:q -o "$out/build"
host="$out/build/Sentrely.Fuzz.dll"
plain="$host" # uninstrumented: instrumented code crashes outside afl-fuzz, so replay and dict use this one

engine=random
if command -v afl-fuzz > /dev/null; then
  engine=afl
  [ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" > /dev/null
  # Instrument a copy: the assemblies whose code the targets exercise (not the host, not the AWS SDK).
  rm -rf "$out/afl" && cp -r "$out/build" "$out/afl"
  for assembly in Sentrely.Core.dll Sentrely.Aws.dll YamlDotNet.dll; do
    "$tools/sharpfuzz" "$out/afl/$assembly" > /dev/null
  done
  host="$out/afl/Sentrely.Fuzz.dll"
else
  echo "afl-fuzz not found: running the UNGUIDED mutation driver (no coverage feedback). Install afl++ for real fuzzing." >&2
fi

for target in "${targets[@]}"; do
  corpus="$here/corpus/$target"
  findings="$here/findings/$target"
  mkdir -p "$corpus" "$findings"
  if [ "$engine" = afl ]; then
    dotnet "$plain" dict "$target" > "$out/$target.dict"
    rm -rf "$out/afl-$target"
    # -V: stop after SECONDS; -t: a single input taking 5 s is a hang (the targets assert far tighter bounds themselves).
    AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
      nice -n 19 afl-fuzz -i "$corpus" -o "$out/afl-$target" -x "$out/$target.dict" -t 5000 -m none -V "$seconds" \
      -- dotnet "$host" afl "$target" > "$out/afl-$target.log" 2>&1 || true
    stats="$out/afl-$target/default/fuzzer_stats"
    if [ -f "$stats" ]; then
      grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time) ' "$stats" | sed "s/^/$target: /"
    else
      echo "$target: afl-fuzz did not start; see $out/afl-$target.log" >&2
      tail -20 "$out/afl-$target.log" >&2
      continue
    fi
    # Keep what AFL found: queue entries (new coverage) into the corpus, crashes and hangs into findings.
    for file in "$out/afl-$target"/default/queue/id:*; do
      # orig: entries are the corpus's own files (AFL links them); keep new inputs of at most 4 KiB.
      case "$file" in *orig:*) continue ;; esac
      [ -f "$file" ] && [ "$(stat -c %s "$file")" -le 4096 ] || continue
      cp "$file" "$corpus/afl-$(sha256sum "$file" | cut -c1-16)"
    done
    for kind in crashes hangs; do
      for file in "$out/afl-$target"/default/"$kind"/id:*; do
        [ -f "$file" ] && cp "$file" "$findings/$kind-$(sha256sum "$file" | cut -c1-16)"
      done
    done
  else
    nice -n 19 dotnet "$host" random "$target" "$seconds" "$corpus" "$findings" || true
  fi
  # Replay the corpus and the findings: a non-empty failure list here is a bug to fix.
  dotnet "$plain" replay "$target" "$corpus" "$findings" || true
done
