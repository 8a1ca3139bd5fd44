// The storage account of the product: the artifact container (datasets, embeddings, models, runs, champions), the
// jobs and completions queues between the pipeline and the GPU workers (with their poison queues), the Durable Task
// hub of the Functions app (its own queues, tables and blobs, created by the runtime) and the Flex Consumption
// deployment container. Shared-key access is off: every client uses Microsoft Entra ID (managed identities).

@description('Location of the resources.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Blob container of the artifact store (the Functions app\'s ArtifactContainer, the worker\'s LLMSEQREC_CONTAINER).')
param artifactContainerName string

@description('Queue of GPU-worker jobs.')
param jobsQueueName string

@description('Queue the workers answer on.')
param completionsQueueName string

@description('Blob container the Flex Consumption plan deploys the Functions app package from.')
param deploymentContainerName string

@description('Days deleted blobs and containers can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int = 7

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: deleteRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: deleteRetentionDays }
  }
}

resource artifactContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: artifactContainerName
  properties: { publicAccess: 'None' }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: storage
  name: 'default'
}

// The workers move malformed job messages to '<jobs>-poison'; the Functions runtime moves completions it cannot
// process to '<completions>-poison'. Created here so that the worker's identity can be granted them by name.
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for queueName in [jobsQueueName, '${jobsQueueName}-poison', completionsQueueName, '${completionsQueueName}-poison']: {
    parent: queueService
    name: queueName
  }
]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output artifactContainerName string = artifactContainer.name
output deploymentContainerName string = deploymentContainer.name
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
