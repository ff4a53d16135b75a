#!/usr/bin/env bash
# make demo: simulate a world with planted truths, ingest it on the embedded store, show what
# the engine holds and where to look next. Everything lands under .hirelearn/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=.hirelearn/demo
db="duckdb://$PWD/$demo/hirelearn.duckdb"
hl() { ./bin/hirelearn "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

rm -rf "$demo" && mkdir -p "$demo"

step "1. Simulate 2,000 job seekers over 12 months (seed 42), with 2 invalid events of every kind"
hl simulate --users 2000 --months 12 --seed 42 --bad 2 --out "$demo/world"

step "2. Ingest: validate against the contract, quarantine bad input, store, build the facts"
hl ingest "$demo/world/events.ndjson" --db "$db"

step "3. What the store holds"
hl status --db "$db"

step "4. The quarantine: every bad event kept with its bytes, source line and reason"
hl quarantine list --limit 12 --db "$db"

step "5. Re-running the same ingest changes nothing (idempotent on event_id)"
hl ingest "$demo/world/events.ndjson" --db "$db" --json | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(`received ${r.received}, newly stored ${r.stored}, duplicates ${r.duplicates}`);'

step "Where to look next"
cat <<MSG
  store:      $db   (HIRELEARN_DB=$db ./bin/hirelearn status)
  world:      $demo/world/events.ndjson and the planted truths in $demo/world/truth.json
  quarantine: ./bin/hirelearn quarantine show <id> --db $db
  schemas:    ./bin/hirelearn schema --out $demo/schemas
  the world:  libs/sim/README.md
MSG
