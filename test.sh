#!/usr/bin/env bash
# Runs Sentrely's whole test suite: restores and builds everything (warnings are errors), installs the
# test-time npm tools, then runs every test project. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration=${CONFIGURATION:-Release}

if [ -f tests/tools/package.json ]; then
  echo "== installing test-time npm tools (tests/tools)"
  (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error)
fi

# The PostgreSQL store tests need a server: SENTRELY_TEST_POSTGRES (an admin connection string), else a throwaway
# cluster on a free loopback port with trust auth on 127.0.0.1 only, stopped and deleted on exit. PostgreSQL is installed
# from Debian's packages when missing and this runs as root; without a server the PostgreSQL tests fail, saying why.
find_postgres() {
  bin=""
  for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then bin=$dir; fi
  done
}

start_postgres() {
  local bin=""
  find_postgres
  if [ -z "$bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing PostgreSQL (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    find_postgres
  fi
  [ -n "$bin" ] || { echo "== PostgreSQL not found (no initdb/pg_ctl): install it (apt-get install postgresql) or set SENTRELY_TEST_POSTGRES" >&2; return 0; }

  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/sentrely-pg.XXXXXX")
  local as=()
  if [ "$(id -u)" = 0 ]; then
    # postgres refuses to run as root.
    chown postgres "$pg_dir"
    as=(runuser -u postgres --)
  fi
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-instructions >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; return 1; }
  printf 'host all all 127.0.0.1/32 trust\n' >"$pg_dir/data/pg_hba.conf"
  "${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; return 1; }
  pg_stop=("${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -m immediate stop)
  export SENTRELY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster)"
}

stop_postgres() {
  if [ -n "${pg_dir:-}" ]; then
    [ -z "${pg_stop+x}" ] || "${pg_stop[@]}" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}

pg_dir=""
if [ -z "${SENTRELY_TEST_POSTGRES:-}" ]; then
  trap stop_postgres EXIT
  start_postgres
fi

echo "== dotnet build ($configuration)"
dotnet build Sentrely.Mcp.sln -c "$configuration" -nologo -v:q

results=$(mktemp -d)
status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo -v:q \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# Native AOT: packaging/check-install.sh runs install.sh for real (the single `sentrely` binary), then the end-to-end tests
# that start sentrely as a process run again against it. The toolchain (clang, zlib1g-dev; libsqlite3-dev to link
# SQLite into the binary) is installed from Debian's packages when missing and this runs as root. Without it the pass
# is skipped with a message, except in CI, where that is a failure. SENTRELY_TEST_SKIP_AOT=1 skips it on purpose.
aot_toolchain() { (. build/aot-linker.sh && aot_linker_flag >/dev/null) && [ -f /usr/include/zlib.h ]; }
if [ "${SENTRELY_TEST_SKIP_AOT:-}" = 1 ]; then
  echo "== Native AOT pass skipped (SENTRELY_TEST_SKIP_AOT=1)"
else
  if ! aot_toolchain && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing the Native AOT toolchain (Debian packages clang zlib1g-dev libsqlite3-dev)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev libsqlite3-dev >/dev/null
  fi
  if aot_toolchain; then
    aot_out=$(mktemp -d "${TMPDIR:-/tmp}/sentrely-aot.XXXXXX")
    echo "== Native AOT: packaging/check-install.sh (./install.sh for real, publish folder kept in $aot_out)"
    if SENTRELY_AOT_OUT="$aot_out" packaging/check-install.sh; then
      echo "== Sentrely.EndToEnd.Tests against the Native AOT binary"
      SENTRELY_TEST_EXECUTABLE="$aot_out/sentrely" dotnet test tests/Sentrely.EndToEnd.Tests/Sentrely.EndToEnd.Tests.csproj \
        -c "$configuration" --no-build -nologo -v:q \
        --filter "FullyQualifiedName!~.InProcess.&FullyQualifiedName!~.SessionPolicies.&FullyQualifiedName!~.Packaging.&FullyQualifiedName!~RepositoryFilesTests" \
        --logger "trx;LogFileName=Sentrely.EndToEnd.Tests.aot.trx" --results-directory "$results" || status=1
      # The benchmarks' smoke version: fails only on gross regressions (cold start over 1 s, over 25 ms added per call,
      # peak RSS over 200 MiB) or a wrong AssumeRole count, never on noise. The full run is bench/run-all.sh.
      echo "== benchmark smoke: bench/run-all.sh --smoke"
      SENTRELY_BENCH_OUT="$aot_out/bench" bench/run-all.sh --smoke --aot "$aot_out/sentrely" \
        --jit "src/Sentrely.Mcp/bin/$configuration/net10.0/sentrely.dll" || status=1
    else
      echo "== Native AOT publish failed" >&2
      status=1
    fi
    rm -rf "$aot_out"
  elif [ "${CI:-}" = true ]; then
    echo "== Native AOT toolchain missing (clang, zlib1g-dev): CI must build the AOT binary" >&2
    status=1
  else
    echo "== Native AOT pass skipped: install clang and zlib1g-dev (apt-get install clang zlib1g-dev libsqlite3-dev)"
  fi
fi

# One closing line over every project, from the TRX files.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
