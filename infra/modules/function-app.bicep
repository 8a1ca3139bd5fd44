// The Functions app (isolated worker, .NET 10) that runs the durable training pipeline: HTTP API, retraining timer,
// completions-queue trigger, orchestrations and activities (functions/README.md). It connects to storage,
// Application Insights and Azure OpenAI with its system-assigned identity; the app settings below are the ones
// functions/README.md documents. Flex Consumption by default, Elastic Premium as an option.

@description('Location of the resources.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the Functions app.')
param name string

@description('Name of the App Service plan.')
param planName string

@description('FlexConsumption (FC1, scales to zero, the default) or ElasticPremium (EP1, always-warm instances).')
@allowed(['FlexConsumption', 'ElasticPremium'])
param plan string

@description('Largest number of instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each Flex Consumption instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Blob endpoint of the storage account.')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Container the Flex Consumption plan deploys the app package from (URL).')
param deploymentContainerUrl string

@description('Blob container of the artifact store.')
param artifactContainerName string

@description('Queue of GPU-worker jobs.')
param jobsQueueName string

@description('Queue the workers answer on.')
param completionsQueueName string

@description('Durable Task hub name (3-45 letters and digits, starting with a letter).')
param taskHubName string

@description('NCRONTAB (with seconds) of scheduled retraining.')
param retrainSchedule string

@description('Pipeline spec (JSON) of scheduled retraining runs.')
param retrainSpec string

@description('Azure OpenAI endpoint for specs with the azure-openai embedder.')
param openAiEndpoint string

@description('Azure OpenAI embedding deployment for those specs.')
param openAiEmbeddingDeployment string

@description('Application Insights connection string (not a secret: it only names where telemetry goes).')
param applicationInsightsConnectionString string

@description('Elastic Premium only: the content share and the Key Vault URI of its connection string.')
param contentShareName string = ''

@description('Elastic Premium only: Key Vault secret URI of the content share\'s connection string.')
param contentConnectionSecretUri string = ''

var isFlex = plan == 'FlexConsumption'

// Settings of every plan. Storage is identity-based: AzureWebJobsStorage (runtime and Durable Task hub) by service
// URIs, ArtifactStorage (the product's store and queues) likewise; credential = the system-assigned identity.
var commonSettings = [
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
  { name: 'ArtifactStorage__blobServiceUri', value: blobEndpoint }
  { name: 'ArtifactStorage__queueServiceUri', value: queueEndpoint }
  { name: 'ArtifactContainer', value: artifactContainerName }
  { name: 'JobsQueue', value: jobsQueueName }
  { name: 'CompletionsQueue', value: completionsQueueName }
  { name: 'TaskHubName', value: taskHubName }
  { name: 'RetrainSchedule', value: retrainSchedule }
  { name: 'RetrainSpec', value: retrainSpec }
  { name: 'AZURE_OPENAI_ENDPOINT', value: openAiEndpoint }
  { name: 'AZURE_OPENAI_EMBEDDING_DEPLOYMENT', value: openAiEmbeddingDeployment }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
]

// Elastic Premium has no functionAppConfig: the runtime is chosen by settings, and the content share is Azure Files
// behind a Key Vault reference (function-content-storage.bicep).
var premiumSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: '@Microsoft.KeyVault(SecretUri=${contentConnectionSecretUri})' }
  { name: 'WEBSITE_CONTENTSHARE', value: contentShareName }
  // The share is created by function-content-storage.bicep; the platform cannot validate it through a reference.
  { name: 'WEBSITE_SKIP_CONTENTSHARE_VALIDATION', value: '1' }
]

resource hostingPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium', family: 'EP' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: hostingPlan.id
    httpsOnly: true
    clientCertEnabled: false
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
              authentication: { type: 'SystemAssignedIdentity' }
            }
          }
          runtime: { name: 'dotnet-isolated', version: '10.0' }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: instanceMemoryMB
          }
        }
      : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: isFlex ? commonSettings : concat(commonSettings, premiumSettings)
    }
  }
}

// No publishing with user names and passwords (FTP or the SCM site): deployments authenticate with Microsoft Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: { allow: false }
}

output name string = functionApp.name
output id string = functionApp.id
output principalId string = functionApp.identity.principalId
output url string = 'https://${functionApp.properties.defaultHostName}'
