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
