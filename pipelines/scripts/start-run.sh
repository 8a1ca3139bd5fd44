#!/usr/bin/env bash
# Starts a training-pipeline run through the pipeline HTTP API (the Functions app, or `llmseqrec serve`), follows it
# to its end and checks the run report's gate metric against a threshold: the smoke run of release.yml and the
# trigger of retrain.yml. Needs bash, curl and jq (all on the Microsoft-hosted Ubuntu agents).
#
#   start-run.sh --base-url <url> --spec <file> [--min <number>] [--metric NDCG@20] [--run-id <id>]
#                [--timeout-minutes 60] [--poll-seconds 10] [--no-wait] [--keep-running] [--out <folder>]
#
# The function key is read from the environment variable LLMSEQREC_FUNCTION_KEY (never from the command line, so it
# shows in no process list or log) and sent as the x-functions-key header.
#
# Exit codes: 0 the run completed (and met --min when given); 1 the gate metric is below --min; 2 bad arguments or
# an HTTP error; 3 the run failed or was terminated; 4 it did not end within --timeout-minutes (it is cancelled then,
# unless --keep-running).
set -euo pipefail

usage() { sed -n '6,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
fail() { local code=$1; shift; echo "error: $*" >&2; exit "$code"; }

base_url="" spec="" min="" metric="" run_id="" timeout_minutes=60 poll_seconds=10 wait=1 cancel_on_timeout=1 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --base-url) base_url=${2:-}; shift 2 ;;
    --spec) spec=${2:-}; shift 2 ;;
    --min) min=${2:-}; shift 2 ;;
    --metric) metric=${2:-}; shift 2 ;;
    --run-id) run_id=${2:-}; shift 2 ;;
    --timeout-minutes) timeout_minutes=${2:-}; shift 2 ;;
    --poll-seconds) poll_seconds=${2:-}; shift 2 ;;
    --no-wait) wait=0; shift ;;
    --keep-running) cancel_on_timeout=0; shift ;;
    --out) out=${2:-}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "error: unknown argument '$1'" >&2; usage ;;
  esac
done

for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || fail 2 "$tool is required"
done
[ -n "$base_url" ] || fail 2 "--base-url is required (e.g. https://<app>.azurewebsites.net)"
[ -n "$spec" ] || fail 2 "--spec is required (a pipeline spec JSON file)"
[ -f "$spec" ] || fail 2 "--spec: no file '$spec'"
jq -e 'type == "object"' "$spec" >/dev/null 2>&1 || fail 2 "--spec: '$spec' is not a JSON object"
number='^[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$'
[ -z "$min" ] || [[ "$min" =~ $number ]] || fail 2 "--min: '$min' is not a number"
[[ "$timeout_minutes" =~ ^[0-9]+$ ]] || fail 2 "--timeout-minutes: '$timeout_minutes' is not a whole number"
[[ "$poll_seconds" =~ ^[0-9]+$ ]] || fail 2 "--poll-seconds: '$poll_seconds' is not a whole number"
[ -n "${LLMSEQREC_FUNCTION_KEY:-}" ] || echo "warning: LLMSEQREC_FUNCTION_KEY is empty: calling the API without a key" >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The key goes to curl in a header file readable only by us (curl -H @file), not in its arguments.
umask 077
printf 'x-functions-key: %s\n' "${LLMSEQREC_FUNCTION_KEY:-}" >"$work/headers"
if [ -n "$out" ]; then mkdir -p "$out"; fi

# http METHOD URL [BODY_FILE]: the body goes to $work/body, the status code to stdout ("000" when unreachable).
http() {
  local args=(-sS -o "$work/body" -w '%{http_code}' -X "$1" -H @"$work/headers" --max-time 60)
  [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' --data-binary @"$3")
  local code
  code=$(curl "${args[@]}" "$2" 2>"$work/curl-error") || true
  echo "${code:-000}"
}

# In Azure Pipelines (TF_BUILD=True), also set an output variable for later steps and stages.
ado_output() { [ "${TF_BUILD:-}" != "True" ] || echo "##vso[task.setvariable variable=$1;isOutput=true]$2"; }

api="${base_url%/}/api/pipelines"
start_url=$api
[ -z "$run_id" ] || start_url="$api?id=$(jq -rn --arg id "$run_id" '$id | @uri')"
# A host that has just been deployed may not answer yet (no connection, 404 before its triggers are synced, 502/503
# while it starts): those answers mean the request was not taken, so it is sent again, up to ten times.
for attempt in $(seq 1 10); do
  code=$(http POST "$start_url" "$spec")
  case "$code" in 000|404|502|503) [ "$attempt" -lt 10 ] && sleep "$poll_seconds" && continue ;; esac
  break
done
case "$code" in
  202) ;;
  400) fail 2 "the API refused the spec: $(jq -r '[.errors[]? | "\(.field): \(.message)"] | join("; ")' "$work/body" 2>/dev/null || cat "$work/body")" ;;
  401|403) fail 2 "POST $api answered $code: check the function key (LLMSEQREC_FUNCTION_KEY)" ;;
  000) fail 2 "POST $api: $(cat "$work/curl-error")" ;;
  *) fail 2 "POST $api answered $code: $(head -c 500 "$work/body")" ;;
esac

id=$(jq -r '.id' "$work/body")
status_url=$(jq -r '.statusQueryGetUri' "$work/body")
report_url=$(jq -r '.reportUri' "$work/body")
cancel_url=$(jq -r '.cancelPostUri' "$work/body")
echo "run: $id"
echo "status: $status_url"
ado_output runId "$id"
ado_output reportUrl "$report_url"

# summary ROWS: a Markdown summary of the run for the build's summary page (with --out; uploaded in Azure Pipelines).
summary() {
  [ -n "$out" ] || return 0
  printf '## Training run `%s`\n\n| | |\n|---|---|\n| status | [%s](%s) |\n| report | [%s](%s) |\n%s\n\nThe links need the function key (header `x-functions-key`, or `?code=`).\n' \
    "$id" "$1" "$status_url" "$report_url" "$report_url" "$2" >"$out/summary.md"
  [ "${TF_BUILD:-}" != "True" ] || echo "##vso[task.uploadsummary]$(cd "$out" && pwd)/summary.md"
}

if [ "$wait" -eq 0 ]; then
  echo "report: $report_url (once the run has ended)"
  summary "started" ""
  exit 0
fi

# Follow the status URL: 202 while the run goes on, 200 once it has ended. A few failed polls in a row are
# tolerated (a cold start or a scale-out of a consumption plan answers 503 for a moment).
deadline=$(( $(date +%s) + timeout_minutes * 60 ))
errors=0 last=""
while :; do
  code=$(http GET "$status_url")
  case "$code" in
    200) break ;;
    202)
      errors=0
      now=$(jq -r '"\(.status) \(.progress.stage // "-") \(.progress.percent // 0)%"' "$work/body" 2>/dev/null || echo "?")
      if [ "$now" != "$last" ]; then echo "  $now"; last=$now; fi ;;
    *)
      errors=$((errors + 1))
      [ "$errors" -lt 10 ] || fail 2 "GET $status_url answered $code ten times in a row: $(head -c 500 "$work/body")" ;;
  esac
  if [ "$(date +%s)" -ge "$deadline" ]; then
    if [ "$cancel_on_timeout" -eq 1 ]; then
      http POST "$cancel_url" >/dev/null || true
      fail 4 "run $id did not end within $timeout_minutes minutes (last: ${last:-no status}); it was cancelled"
    fi
    fail 4 "run $id did not end within $timeout_minutes minutes (last: ${last:-no status}); it keeps running"
  fi
  sleep "$poll_seconds"
done

cp "$work/body" "$work/run.json"
[ -z "$out" ] || cp "$work/run.json" "$out/run.json"
status=$(jq -r '.status' "$work/run.json")
echo "ended: $status"
ado_output runStatus "$status"
if [ "$status" != "Completed" ]; then
  fail 3 "run $id ended $status: $(jq -r '.error // "no error given"' "$work/run.json")"
fi

code=$(http GET "$report_url?format=json")
[ "$code" = "200" ] || fail 2 "GET $report_url?format=json answered $code: $(head -c 500 "$work/body")"
cp "$work/body" "$work/report.json"
if [ -n "$out" ]; then
  cp "$work/report.json" "$out/report.json"
  [ "$(http GET "$report_url?format=html")" != "200" ] || cp "$work/body" "$out/report.html"
fi
echo "report: $report_url"

# The gate metric: the report's own gate metric (promotion.gateMetric, NDCG@20 by default) unless --metric names
# another. Its value is the run's best completed model on it: the promotion candidate when the report made a
# decision on that metric, else the best of the models' scores.
metric=${metric:-$(jq -r '.promotion.gateMetric // "NDCG@20"' "$work/report.json")}
read -r best value < <(jq -r --arg m "$metric" '
  if .promotion != null and .promotion.gateMetric == $m then "\(.promotion.candidate) \(.promotion.candidateScore)"
  else ([.models[] | select(.status == "completed" and .metrics[$m] != null)] | max_by(.metrics[$m])
        | if . == null then "- null" else "\(.model) \(.metrics[$m])" end) end' "$work/report.json")
[ "$value" != "null" ] || fail 3 "run $id: no completed model has $metric in the report"
echo "gate: $metric of $best = $value"
ado_output gateValue "$value"

rows="| $metric (best model: $best) | $value |"
[ -z "$min" ] || rows="$rows
| threshold | $min |"
summary "$status" "$rows"

if [ -n "$min" ] && ! jq -en --argjson v "$value" --argjson min "$min" '$v >= $min' >/dev/null; then
  fail 1 "metric gate failed: $metric of $best is $value, below the threshold $min"
fi
[ -z "$min" ] || echo "metric gate passed: $metric $value >= $min"
