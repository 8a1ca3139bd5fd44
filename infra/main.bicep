// LlmSeqRec.Mlops on Azure (azd-compatible): one resource group with the storage account, the Functions app of the
// durable training pipeline, Application Insights, Azure OpenAI, the GPU worker as an event-driven Container Apps
// job, the container registry and Key Vault, and the role assignments that connect them without keys.
// `azd up` deploys it (azure.yaml), or `az deployment sub create --location <region> --template-file infra/main.bicep
// --parameters environmentName=<name> location=<region> principalId=<your object id>`.
targetScope = 'subscription'

@description('Name of the environment (azd env name): part of every resource name, and the azd-env-name tag.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Region of the resources (serverless GPUs and the embedding model must be offered there).')
@minLength(1)
param location string

@description('Object id of the deploying user or service principal; gets AcrPush and Storage Blob Data Contributor on the artifact container (upload datasets, read reports). Empty for none.')
param principalId string = ''

@description('Type of principalId.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Functions hosting plan: FlexConsumption (default; no shared key anywhere) or ElasticPremium (needs an Azure Files content share, whose key goes to Key Vault).')
@allowed(['FlexConsumption', 'ElasticPremium'])
param functionPlan string = 'FlexConsumption'

@description('Largest number of Functions instances.')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Memory of a Flex Consumption instance in MB (local embeddings and CPU models run in activities).')
@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 4096

@description('Durable Task hub name (letters and digits, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'llmseqrec'

@description('NCRONTAB (with seconds) of scheduled retraining; UTC.')
param retrainSchedule string = '0 0 3 * * 0'

@description('Pipeline spec (JSON, as for POST /api/pipelines) of scheduled retraining runs.')
param retrainSpec string = '{"dataset":{"source":"demo"},"models":[{"name":"popularity"},{"name":"llmseqsim"}]}'

@description('GPU worker image (<registry>/llmseqrec-gpu-worker:<tag>); empty until the first push (a public placeholder runs).')
param workerImage string = ''

@description('GPU workload profile of the worker job.')
@allowed(['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100', 'NC24-A100', 'NC48-A100', 'NC96-A100'])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Most GPU worker executions at once.')
@minValue(1)
@maxValue(100)
param workerMaxExecutions int = 2

@description('Longest a worker execution may run, in seconds.')
@minValue(600)
param workerReplicaTimeoutSeconds int = 28800

@description('Seconds an idle worker waits for another job before its execution ends.')
@minValue(0)
param workerIdleExitSeconds int = 120

@description('Azure OpenAI embedding model.')
param openAiEmbeddingModel string = 'text-embedding-3-small'

@description('Version of that model.')
param openAiEmbeddingModelVersion string = '1'

@description('Capacity of the embedding deployment in thousands of tokens per minute.')
@minValue(1)
param openAiEmbeddingCapacity int = 120

@description('Region of the Azure OpenAI account; empty = location.')
param openAiLocation string = ''

var tags = { 'azd-env-name': environmentName }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var artifactContainerName = 'llmseqrec'
var jobsQueueName = 'llmseqrec-jobs'
var completionsQueueName = 'llmseqrec-completions'
var openAiEmbeddingDeploymentName = 'embeddings'
var isPremium = functionPlan == 'ElasticPremium'
var contentSecretName = 'function-content-connection'
// Names are computed here, from parameters only, so that what-if can predict every resource and role assignment.
var names = {
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  contentStorage: 'stc${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  openAi: 'oai-${resourceToken}'
  registry: 'cr${resourceToken}'
  functionApp: 'func-${resourceToken}'
  plan: 'plan-${resourceToken}'
  workerIdentity: 'id-worker-${resourceToken}'
  containerAppsEnvironment: 'cae-${resourceToken}'
  workerJob: 'job-worker-${resourceToken}'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: names.storage
    artifactContainerName: artifactContainerName
    jobsQueueName: jobsQueueName
    completionsQueueName: completionsQueueName
    deploymentContainerName: 'app-package-${resourceToken}'
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: names.keyVault
    workspaceId: monitoring.outputs.workspaceId
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  scope: resourceGroup
  params: {
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    name: names.openAi
    embeddingDeploymentName: openAiEmbeddingDeploymentName
    embeddingModel: openAiEmbeddingModel
    embeddingModelVersion: openAiEmbeddingModelVersion
    embeddingCapacity: openAiEmbeddingCapacity
  }
}

module registry 'modules/container-registry.bicep' = {
  name: 'container-registry'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: names.registry
  }
}

module contentStorage 'modules/function-content-storage.bicep' = if (isPremium) {
  name: 'function-content-storage'
  scope: resourceGroup
  // The connection string goes into the vault, named here rather than taken from its outputs.
  dependsOn: [keyVault]
  params: {
    location: location
    tags: tags
    name: names.contentStorage
    shareName: 'func-${resourceToken}'
    keyVaultName: names.keyVault
    secretName: contentSecretName
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: names.functionApp
    planName: names.plan
    plan: functionPlan
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    artifactContainerName: storage.outputs.artifactContainerName
    jobsQueueName: jobsQueueName
    completionsQueueName: completionsQueueName
    taskHubName: taskHubName
    retrainSchedule: retrainSchedule
    retrainSpec: retrainSpec
    openAiEndpoint: openAi.outputs.endpoint
    openAiEmbeddingDeployment: openAi.outputs.embeddingDeploymentName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    contentShareName: isPremium ? contentStorage!.outputs.shareName : ''
    contentConnectionSecretUri: isPremium ? contentStorage!.outputs.secretUri : ''
  }
}

module workerIdentity 'modules/worker-identity.bicep' = {
  name: 'worker-identity'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    name: names.workerIdentity
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: resourceGroup
  // Resources are passed by name (so that what-if can predict the assignments): they must exist first (storage,
  // OpenAI and monitoring already do, through the Functions app principal id).
  dependsOn: [keyVault, registry]
  params: {
    functionPrincipalId: functionApp.outputs.principalId
    functionAppName: names.functionApp
    workerPrincipalId: workerIdentity.outputs.principalId
    workerIdentityName: names.workerIdentity
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    functionReadsKeyVault: isPremium
    storageAccountName: names.storage
    artifactContainerName: artifactContainerName
    jobsQueueName: jobsQueueName
    completionsQueueName: completionsQueueName
    openAiName: names.openAi
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    registryName: names.registry
  }
}

module workerJob 'modules/gpu-worker-job.bicep' = {
  name: 'gpu-worker-job'
  scope: resourceGroup
  // The job pulls its image with the worker identity: AcrPull must exist first.
  dependsOn: [roles]
  params: {
    location: location
    tags: tags
    environmentName: names.containerAppsEnvironment
    jobName: names.workerJob
    workspaceId: monitoring.outputs.workspaceId
    gpuProfileType: gpuProfileType
    image: workerImage
    registryServer: registry.outputs.loginServer
    identityId: workerIdentity.outputs.id
    identityClientId: workerIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    artifactContainerName: storage.outputs.artifactContainerName
    jobsQueueName: jobsQueueName
    completionsQueueName: completionsQueueName
    maxExecutions: workerMaxExecutions
    replicaTimeoutSeconds: workerReplicaTimeoutSeconds
    idleExitSeconds: workerIdleExitSeconds
  }
}

// Outputs in UPPER_SNAKE: azd stores them in the environment (.azure/<env>/.env); the pipelines read them with
// `az deployment sub show --query properties.outputs`.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output ARTIFACT_CONTAINER string = storage.outputs.artifactContainerName
output JOBS_QUEUE string = jobsQueueName
output COMPLETIONS_QUEUE string = completionsQueueName
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output WORKER_JOB_NAME string = workerJob.outputs.jobName
output CONTAINER_APPS_ENVIRONMENT_NAME string = workerJob.outputs.environmentName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_EMBEDDING_DEPLOYMENT string = openAi.outputs.embeddingDeploymentName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
