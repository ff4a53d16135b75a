#!/usr/bin/env bash
# make demo: simulate a world with planted truths, ingest it on the embedded store, show what
# the engine holds and where to look next. Everything lands under .hirelearn/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=.hirelearn/demo
db="duckdb://$PWD/$demo/hirelearn.duckdb"
# Every command below finds the demo's stores through these.
export HIRELEARN_DB="$db"
export HIRELEARN_DOCUMENTS="sqlite://$PWD/$demo/documents.sqlite"
export HIRELEARN_ARTIFACTS="$PWD/$demo/artifacts"
port=${HIRELEARN_DEMO_PORT:-50152}
services=()
trap 'for p in "${services[@]}"; do kill "$p" 2>/dev/null; done' EXIT
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

step "6. Data quality: temporal, referential, completeness, volume and outlier checks"
hl quality

step "7. One job seeker, and the market (rates with their sample sizes and 95% intervals)"
user=$(node -e '
  const { DuckDBInstance } = require("@duckdb/node-api");
  (async () => {
    const db = await DuckDBInstance.create(process.argv[1], { access_mode: "READ_ONLY" });
    const c = await db.connect();
    const r = await c.runAndReadAll("SELECT user_id FROM applications GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
    console.log(r.getRows()[0][0]);
  })();' "$PWD/$demo/hirelearn.duckdb")
hl analytics user "$user" | sed -n "1,24p"
hl analytics market | sed -n "1,30p"

step "8. What causes interviews: every treatment adjusted, refuted and graded (the planted truths are in truth.json)"
hl attribution | sed -n "1,40p"

step "9. Models: train the ensemble and the fit-score learner, register, promote"
hl models train ensemble --seed 1 --out "$demo/models/ensemble-seed1.json" | sed -n "1,12p"
hl models train fit-score --seed 1 --out "$demo/models/fit-score-seed1.json" | sed -n '/held-out/,$p'
hl models promote ensemble 1 --by demo --reason "first production ensemble"
hl models promote fit-score 1 --by demo --reason "learned weights beat the current ones on held-out AUC"

step "10. Serve the ensemble and the fit-score learner over gRPC and ask them, as layers 5 and 6 do"
./bin/hirelearn serve ensemble-predictor --port "$port" > "$demo/ensemble-predictor.log" 2>&1 &
services+=($!)
for _ in $(seq 50); do grep -q listening "$demo/ensemble-predictor.log" 2>/dev/null && break; sleep 0.2; done
cat "$demo/ensemble-predictor.log"
apps=$(node -e '
  const { DuckDBInstance } = require("@duckdb/node-api");
  (async () => {
    const db = await DuckDBInstance.create(process.argv[1], { access_mode: "READ_ONLY" });
    const c = await db.connect();
    const r = await c.runAndReadAll("SELECT application_id FROM applications ORDER BY application_id LIMIT 3");
    console.log(r.getRows().map((x) => x[0]).join(" "));
  })();' "$PWD/$demo/hirelearn.duckdb")
hl predict $apps --address "127.0.0.1:$port"
fit_port=$((port + 1))
./bin/hirelearn serve fit-score-learner --port "$fit_port" > "$demo/fit-score-learner.log" 2>&1 &
services+=($!)
for _ in $(seq 50); do grep -q listening "$demo/fit-score-learner.log" 2>/dev/null && break; sleep 0.2; done
hl score-fit $apps --address "127.0.0.1:$fit_port"

step "11. A new version goes live without a restart, then is rolled back"
hl models train ensemble --seed 2 --out "$demo/models/ensemble-seed2.json" | sed -n "1,3p"
hl models promote ensemble 2 --by demo --reason "retrained with another seed"
sleep 1
hl predict $apps --address "127.0.0.1:$port"
hl models rollback ensemble --by demo --reason "demo: roll back to the previous production version"
sleep 1
hl predict $apps --address "127.0.0.1:$port"
hl models show ensemble | sed -n '/transitions/,$p'

step "12. An A/B experiment: ethics gate, start at 10%, analyse, ramp, assign over gRPC, roll back"
experiment=exp-cover-letter-assist
hl experiments create --file libs/experiments/examples/cover-letter-assist.json --who demo --why "proposal"
hl experiments start "$experiment" --who demo --why "the ethics gate passed"
hl experiments analyse "$experiment"
hl experiments ramp "$experiment" --who demo --why "nightly check"
engine_port=$((port + 3))
./bin/hirelearn serve learning-engine --port "$engine_port" > "$demo/learning-engine.log" 2>&1 &
services+=($!)
for _ in $(seq 50); do grep -q listening "$demo/learning-engine.log" 2>/dev/null && break; sleep 0.2; done
printf '%s\n' user-00001 user-00002 user-00003 user-00004 > "$demo/users.txt"
hl experiments assign "$experiment" --users "$demo/users.txt" --address "127.0.0.1:$engine_port"
hl experiments rollback "$experiment" --who demo --why "demo: back to the control"
hl experiments show "$experiment" | tail -n 12

step "13. A new user on day one: the cold-start embedder's insights, then two onboarding questions"
hl models train cold-start --seed 1 --out "$demo/models/cold-start-seed1.json"
hl models promote cold-start 1 --by demo --reason "first cold-start embedder"
# A user as on sign-up, with only their first resume (nothing is ingested): the profile's fields
# are the questions, answered from the profile they gave the simulator.
newcomer=$(grep '"event_type":"USER_PROFILE_UPDATED"' "$demo/world/events.ndjson" | tail -n 1 |
  sed 's/.*"user_id":"\([^"]*\)".*/\1/')
grep -m 1 "\"event_type\":\"RESUME_SNAPSHOT\",\"user_id\":\"$newcomer\"" "$demo/world/events.ndjson" \
  > "$demo/newcomer.ndjson"
profile=$(grep -m 1 "\"event_type\":\"USER_PROFILE_UPDATED\",\"user_id\":\"$newcomer\"" \
  "$demo/world/events.ndjson")
answers=()
for round in 0 1 2; do
  out=$(hl cold-start --events "$demo/newcomer.ndjson" "${answers[@]}")
  printf '%s\n' "$out"
  field=$(printf '%s\n' "$out" | sed -n 's/^  next question *\([a-z_]*\): .*/\1/p')
  [ "$round" -lt 2 ] && [ -n "$field" ] && [ "$field" != none ] || break
  value=$(printf '%s' "$profile" | node -e '
    const v = JSON.parse(require("fs").readFileSync(0, "utf8")).profile[process.argv[1]];
    console.log(Array.isArray(v) ? v.join(",") : (v ?? ""));' "$field")
  [ -n "$value" ] || break
  printf '\n   round %s: asked %s, %s answers %s\n' $((round + 1)) "$field" "$newcomer" "$value"
  answers+=(--answer "$field=$value")
done

step "14. The nightly: quality gate, attribution, optimizers, recommendations routed, ramps, monitor, feedback loops"
# The last month only (--since), to keep the demo short; a scheduled nightly reads the window it is given.
hl nightly --since 2025-12-01 2> >(grep -v '^nightly: attribution:' >&2)
hl runs list
hl attribution show | sed -n "1,8p"

step "15. Review: approve a recommendation; a stand-in layer-2 client gets the new config live over gRPC; roll back"
# Needs the nightly's recommendations (the step before). The registry serves hirelearn.v1.Config.
config_port=$((port + 5))
./bin/hirelearn serve registry --port "$config_port" > "$demo/registry.log" 2>&1 &
services+=($!)
for _ in $(seq 50); do grep -q listening "$demo/registry.log" 2>/dev/null && break; sleep 0.2; done
hl recommendations list
# The pending recommendation to approve (layer 2's first, if any) and its layer.
read -r rec layer < <(hl recommendations list --status pending --json | node -e '
  const rs = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const r = rs.find((x) => x.layer === 2) ?? rs[0];
  console.log(r ? `${r.recommendation_id} ${r.layer}` : "- 2");')
./bin/hirelearn config watch "$layer" --registry "127.0.0.1:$config_port" \
  > "$demo/config-watch.log" 2>&1 &
services+=($!)
for _ in $(seq 50); do grep -q version "$demo/config-watch.log" 2>/dev/null && break; sleep 0.2; done
if [ "$rec" != - ]; then
  hl recommendations approve "$rec" --who demo --why "demo: the evidence holds"
  sleep 0.5
  hl config rollback "$layer" --who demo --why "demo: back to the version before"
  sleep 0.5
  hl config history "$layer"
else
  echo "   (no pending recommendation: the nightly proposed nothing to review)"
fi
echo "   what the stand-in layer-$layer client received, as each version was published:"
sed 's/^/   /' "$demo/config-watch.log"

step "16. The market and resume DNA: companies hiring fastest, role demand, successful resumes' patterns and one user's gaps"
hl market companies --top 8
hl market roles 2>/dev/null
hl resume dna --role "Data Engineer"
# A user whose resume has gaps (the first of a few); the nightly's attribution gates each gap.
for u in user-00001 user-00002 user-00003 user-00004 user-00005; do
  out=$(hl resume match "$u")
  if printf '%s\n' "$out" | grep -Eq '^(metric_share|action_verb_share|keyword_coverage|has_certifications|one_page) '; then printf '%s\n' "$out"; break; fi
done

step "17. The market over time: shifts (PELT), seasons (STL), a forecast scored against the seasonal naive one"
# 12 months are too few to remove a yearly season (two years are needed): shifts say so, the
# seasonality says why it has no months, the forecast is trend only. The role whose demand
# the simulator halves half-way (truth.json: market.change_point) shows as a shift.
hl market shifts --by all,role
hl market seasonality --by all --no-applications
hl market forecast --series "postings/role/Data Scientist"

step "18. One job seeker's weekly plan: interviews against hours against their targets (NSGA-II), the knee recommended"
# The user of step 7; the levers rest on the nightly's stored attribution (step 14).
hl plan --user "$user" --hours-per-week 15 --svg "$demo/plan-$user.svg" |
  sed -n '1,2p;/^levers/,/^$/p;/^Recommended/p;/^chart:/p'

step "19. Weekly reports: each job seeker's week against their past and their segment, what worked, the causal actions that hold, the market (HTML, offline)"
# A replay: everyone's report for the last week of June, delivered the Monday after it
# (--delivered-at; the wall clock is long past the simulated year), so that the half year after
# holds the outcomes step 20 measures. Actions only from the nightly's stored effects that hold
# (step 14; in this replay estimated on later data than the delivery, which a live run cannot
# be). Every file passes the privacy audit; every insight delivered is logged.
hl insights weekly --all --week 2025-W26 --delivered-at 2025-06-30T07:00:00Z --format html \
  --out "$demo/insights" --json | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(`   ${r.week}: ${r.files} reports (${Object.entries(r.by_status).map(([k, n]) => `${k} ${n}`).join(", ")}), ${r.deliveries_logged} deliveries logged, privacy audit ${r.privacy_audit}`);'
# The user of step 7, their latest week, delivered now.
hl insights weekly --user "$user" --week 2025-W48 --format html --out "$demo/insights" --json |
  node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(`   ${r.headline}\n   report: ${r.file}`);'

step "20. The quality of what was delivered: acted on, realized lift against the promise, calibration"
# Every insight and recommendation delivered is logged (the nightly's of step 14 and the weekly
# reports of step 19); figures come as outcomes arrive after each delivery: the June reports'
# from the half year after them; the latest ones have none yet and are counted only.
hl insights quality

step "21. One job seeker's personalized configuration: layer 5's plan and layer 6's re-ranking weights, their own data shrunk toward their segment's"
# Published for every user by the nightly (step 14); GetPersonalizedConfig (the registry's
# hirelearn.v1.Personalization) serves the same. Each parameter: its source, the user's n, the
# weight n / (n + k) their own data got, and the own, prior and shrunk figures.
hl config user --user "$user"
# A user who opted out of personalization gets their segment's configuration, and is told so.
opted=$(node -e '
  const { DuckDBInstance } = require("@duckdb/node-api");
  (async () => {
    const db = await DuckDBInstance.create(process.argv[1], { access_mode: "READ_ONLY" });
    const c = await db.connect();
    const r = await c.runAndReadAll("SELECT user_id FROM users WHERE opted_out_personalization_at IS NOT NULL ORDER BY 1 LIMIT 1");
    console.log(r.getRows()[0]?.[0] ?? "");
  })();' "$PWD/$demo/hirelearn.duckdb")
if [ -n "$opted" ]; then hl config user --user "$opted" | sed -n '1,3p'; fi

step "Where to look next"
cat <<MSG
  store:      $db   (HIRELEARN_DB=$db ./bin/hirelearn status)
  world:      $demo/world/events.ndjson and the planted truths in $demo/world/truth.json
  quarantine: ./bin/hirelearn quarantine show <id> --db $db
  schemas:    ./bin/hirelearn schema --out $demo/schemas
  models:     ./bin/hirelearn models list; monitor them: ./bin/hirelearn monitor run
  causes:     ./bin/hirelearn attribution   (the studies on the event log, graded)
  config:     ./bin/hirelearn recommendations list; ./bin/hirelearn config history 2
  the world:  libs/sim/README.md
MSG
