// The GPU worker (gpu-worker/README.md) as an event-driven Container Apps job on a GPU workload profile. KEDA's
// azure-queue scaler watches the jobs queue with the worker's identity and starts one execution per waiting job
// message (up to maxExecutions); each execution runs the worker, which takes jobs until the queue has been empty for
// LLMSEQREC_IDLE_EXIT_SECONDS and then exits 0. Storage is reached with the same identity (no keys).

@description('Location of the resources.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the Container Apps environment.')
param environmentName string

@description('Name of the Container Apps job.')
param jobName string

@description('Log Analytics workspace of the environment\'s logs (through a diagnostic setting; no workspace key).')
param workspaceId string

@description('GPU workload profile type: serverless T4 or A100 (Consumption-GPU-*), or a dedicated NC A100 profile.')
@allowed(['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100', 'NC24-A100', 'NC48-A100', 'NC96-A100'])
param gpuProfileType string

@description('Image of the worker; an empty value uses a public placeholder until the first image is pushed.')
param image string

@description('Login server of the registry the image comes from.')
param registryServer string

@description('Resource id of the worker\'s user-assigned identity.')
param identityId string

@description('Client id of that identity (AZURE_CLIENT_ID, so DefaultAzureCredential picks it).')
param identityClientId string

@description('Name of the storage account of the artifacts and queues.')
param storageAccountName string

@description('Blob endpoint of that account.')
param blobEndpoint string

@description('Queue endpoint of that account.')
param queueEndpoint string

@description('Blob container of the artifact store.')
param artifactContainerName string

@description('Queue of GPU-worker jobs (watched by the scale rule).')
param jobsQueueName string

@description('Queue the worker answers on.')
param completionsQueueName string

@description('Most executions (GPUs) at once.')
@minValue(1)
@maxValue(100)
param maxExecutions int

@description('Longest an execution may run, in seconds (a whole training run plus idle time).')
@minValue(600)
param replicaTimeoutSeconds int

@description('Seconds an idle worker waits for another job before its execution ends.')
@minValue(0)
param idleExitSeconds int

// CPU and memory of one replica: the whole GPU profile's share for one GPU.
var profileResources = {
  'Consumption-GPU-NC8as-T4': { cpu: json('8.0'), memory: '56Gi' }
  'Consumption-GPU-NC24-A100': { cpu: json('24.0'), memory: '220Gi' }
  'NC24-A100': { cpu: json('24.0'), memory: '220Gi' }
  'NC48-A100': { cpu: json('24.0'), memory: '220Gi' }
  'NC96-A100': { cpu: json('24.0'), memory: '220Gi' }
}
var isServerless = startsWith(gpuProfileType, 'Consumption-')
var gpuProfileName = 'gpu'
var placeholderImage = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'
var healthPort = 8080

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: { destination: 'azure-monitor' }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
      isServerless
        ? { name: gpuProfileName, workloadProfileType: gpuProfileType }
        : { name: gpuProfileName, workloadProfileType: gpuProfileType, minimumCount: 0, maximumCount: maxExecutions }
    ]
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
  }
}

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: jobName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: gpuProfileName
    configuration: {
      triggerType: 'Event'
      replicaTimeout: replicaTimeoutSeconds
      // A failed execution is not retried by the platform: its message reappears on the queue after the worker's
      // lease and the next execution resumes it from its last checkpoint.
      replicaRetryLimit: 0
      registries: [ { server: registryServer, identity: identityId } ]
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxExecutions
          pollingInterval: 30
          rules: [
            {
              name: 'jobs-queue'
              type: 'azure-queue'
              metadata: {
                accountName: storageAccountName
                queueName: jobsQueueName
                queueLength: '1'
              }
              identity: identityId
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'gpu-worker'
          image: empty(image) ? placeholderImage : image
          resources: profileResources[gpuProfileType]
          env: [
            { name: 'LLMSEQREC_STORAGE_BLOB_URI', value: blobEndpoint }
            { name: 'LLMSEQREC_STORAGE_QUEUE_URI', value: queueEndpoint }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'LLMSEQREC_CONTAINER', value: artifactContainerName }
            { name: 'LLMSEQREC_JOBS_QUEUE', value: jobsQueueName }
            { name: 'LLMSEQREC_COMPLETIONS_QUEUE', value: completionsQueueName }
            { name: 'LLMSEQREC_IDLE_EXIT_SECONDS', value: string(idleExitSeconds) }
            { name: 'LLMSEQREC_SHUTDOWN_SECONDS', value: '25' }
            { name: 'HEALTH_PORT', value: string(healthPort) }
          ]
          // The worker's /healthz (503 once its job loop has failed). The placeholder image exits before the first probe.
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: healthPort }
              initialDelaySeconds: 60
              periodSeconds: 30
              failureThreshold: 3
            }
          ]
        }
      ]
    }
  }
}

output environmentName string = environment.name
output jobName string = job.name
