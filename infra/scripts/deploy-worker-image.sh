#!/bin/sh
# Builds the GPU worker image (gpu-worker/Dockerfile, context = repository root), pushes it to the environment's
# registry and points the Container Apps job at it. Run by `azd deploy`/`azd up` (azure.yaml hook) with the azd
# environment's values in the environment, by the release pipeline (pipelines/release.yml) with the deployment's
# outputs, and by hand after `azd env get-values`.
#   WORKER_IMAGE_TAG   tag to push (default: the git commit, else a UTC timestamp)
#   WORKER_REPOSITORY  repository in the registry (default: llmseqrec-gpu-worker)
#   WORKER_BUILD       docker (build locally, needs Docker and ~15 GB of disk) or acr (default: `az acr build`)
set -eu
: "${AZURE_CONTAINER_REGISTRY_NAME:?run azd provision first (no AZURE_CONTAINER_REGISTRY_NAME)}"
: "${AZURE_CONTAINER_REGISTRY_ENDPOINT:?no AZURE_CONTAINER_REGISTRY_ENDPOINT}"
: "${AZURE_RESOURCE_GROUP:?no AZURE_RESOURCE_GROUP}"
: "${WORKER_JOB_NAME:?no WORKER_JOB_NAME}"

cd "$(dirname "$0")/../.."
tag="${WORKER_IMAGE_TAG:-$(git rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)}"
repository="${WORKER_REPOSITORY:-llmseqrec-gpu-worker}"
image="$AZURE_CONTAINER_REGISTRY_ENDPOINT/$repository:$tag"
# `az containerapp` is an extension: install it on first use instead of prompting (CI agents have no terminal).
az config set extension.use_dynamic_install=yes_without_prompt --only-show-errors

if [ "${WORKER_BUILD:-acr}" = docker ]; then
  az acr login --name "$AZURE_CONTAINER_REGISTRY_NAME"
  docker build -f gpu-worker/Dockerfile -t "$image" .
  docker push "$image"
else
  az acr build --registry "$AZURE_CONTAINER_REGISTRY_NAME" --image "$repository:$tag" \
    --file gpu-worker/Dockerfile --timeout 7200 .
fi

# The job pulls with the worker's identity (AcrPull on the registry). WORKER_IMAGE keeps the image on later
# `azd provision` runs (main.parameters.json), which would otherwise put the placeholder back.
az containerapp job update --name "$WORKER_JOB_NAME" --resource-group "$AZURE_RESOURCE_GROUP" --image "$image" --output none
if command -v azd >/dev/null 2>&1; then azd env set WORKER_IMAGE "$image"; fi
echo "worker image: $image"
