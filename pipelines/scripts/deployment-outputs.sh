#!/usr/bin/env bash
# Reads the outputs of a subscription-scope deployment of infra/main.bicep and hands them to Azure Pipelines as
# variables (for the next steps of the job, and as output variables of this step for later jobs and stages).
# Runs inside AzureCLI@2 (signed in through the service connection). Needs az and jq.
#
#   deployment-outputs.sh <deployment name> [<output that must be there> ...]
#
# Every output becomes NAME (same job) and <step name>.NAME (isOutput=true: later jobs and stages map it with
# stageDependencies.<stage>.<job>.outputs['<job>.<step>.NAME']). Exit 1 when the deployment or a required output
# is missing, naming it.
set -euo pipefail

[ $# -ge 1 ] && [ -n "$1" ] || { echo "usage: deployment-outputs.sh <deployment name> [<required output> ...]" >&2; exit 2; }
name=$1
shift

if ! outputs=$(az deployment sub show --name "$name" --query properties.outputs --output json); then
  echo "error: no subscription deployment '$name' (az deployment sub show failed)" >&2
  exit 1
fi
# An absent or empty outputs section reads as {}.
outputs=$(jq -c '. // {}' <<<"$outputs")

for required in "$@"; do
  jq -e --arg n "$required" 'has($n) and (.[$n].value | . != null and . != "")' <<<"$outputs" >/dev/null \
    || { echo "error: deployment '$name' has no output $required" >&2; exit 1; }
done

# Only plain values (strings, numbers, booleans): objects and arrays have no single-line form a variable can hold.
jq -r 'to_entries[] | select(.value.value | type | IN("string", "number", "boolean")) | "\(.key)\t\(.value.value)"' <<<"$outputs" |
  while IFS=$'\t' read -r key value; do
    # Connection strings and keys (e.g. APPLICATIONINSIGHTS_CONNECTION_STRING) are masked in the logs.
    secret=false
    case "$key" in *KEY*|*SECRET*|*PASSWORD*|*CONNECTION_STRING*) secret=true ;; esac
    echo "##vso[task.setvariable variable=$key;issecret=$secret]$value"
    echo "##vso[task.setvariable variable=$key;isOutput=true;issecret=$secret]$value"
    if [ "$secret" = true ]; then echo "$key = (secret)" >&2; else echo "$key = $value" >&2; fi
  done
