// Every role assignment of the deployment, in one place so that "who can do what" is read here (infra/README.md
// explains each). All are data-plane roles scoped as narrowly as the product allows; none is Owner, Contributor or
// a key-listing role.

@description('Principal id of the Functions app\'s system-assigned identity.')
param functionPrincipalId string

@description('Name of the Functions app (names its role assignments: known before deployment, unlike its principal id).')
param functionAppName string

@description('Principal id of the GPU worker\'s user-assigned identity.')
param workerPrincipalId string

@description('Name of that identity (names its role assignments).')
param workerIdentityName string

@description('Principal id of the user or service principal deploying (azd: the signed-in user); empty for none.')
param deployerPrincipalId string

@description('Type of that principal.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param deployerPrincipalType string

@description('Whether the Functions app reads a Key Vault secret (Elastic Premium content share).')
param functionReadsKeyVault bool

@description('Name of the storage account.')
param storageAccountName string

@description('Blob container of the artifact store.')
param artifactContainerName string

@description('Queue of GPU-worker jobs.')
param jobsQueueName string

@description('Queue the workers answer on.')
param completionsQueueName string

@description('Name of the Azure OpenAI account.')
param openAiName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the container registry.')
param registryName string

// Built-in role definition ids (the same in every cloud).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  cognitiveServicesOpenAIUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  acrPush: '8311e382-0749-4cb8-b61a-304f252e45ec'
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource artifacts 'containers' existing = {
      name: artifactContainerName
    }
  }

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource jobs 'queues' existing = {
      name: jobsQueueName
    }

    resource jobsPoison 'queues' existing = {
      name: '${jobsQueueName}-poison'
    }

    resource completions 'queues' existing = {
      name: completionsQueueName
    }
  }
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

// Functions app. The Functions runtime and the Durable Task hub (Azure Storage backend) use blobs (leases, the
// deployment package, task hub state), queues and tables of the account: the roles the Functions documentation
// asks for identity-based AzureWebJobsStorage with Durable Functions. They also cover the artifact container and the
// jobs/completions queues (the same account), which the app reads and writes.
resource functionBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionAppName, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource functionQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionAppName, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource functionTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionAppName, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource functionOpenAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAi.id, functionAppName, roles.cognitiveServicesOpenAIUser)
  scope: openAi
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesOpenAIUser)
  }
}

resource functionTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, functionAppName, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource functionSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (functionReadsKeyVault) {
  name: guid(vault.id, functionAppName, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// GPU worker: the artifact container only (datasets, embeddings, checkpoints, models, job status, leases), and the
// three queues it uses, each by name. Queue Data Contributor rather than Message Processor/Sender on them: the
// worker creates the queues when missing and reads the jobs queue's length for the scale rule.
resource workerArtifacts 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::artifacts.id, workerIdentityName, roles.storageBlobDataContributor)
  scope: storage::blobService::artifacts
  properties: {
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource workerJobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::jobs.id, workerIdentityName, roles.storageQueueDataContributor)
  scope: storage::queueService::jobs
  properties: {
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource workerJobsPoison 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::jobsPoison.id, workerIdentityName, roles.storageQueueDataContributor)
  scope: storage::queueService::jobsPoison
  properties: {
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource workerCompletions 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::completions.id, workerIdentityName, roles.storageQueueDataContributor)
  scope: storage::queueService::completions
  properties: {
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource workerImagePull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, workerIdentityName, roles.acrPull)
  scope: registry
  properties: {
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

// The deploying principal: push the worker image, upload datasets to the artifact container and read run reports.
// Runs are started over HTTP with a function key, so it needs no queue access.
resource deployerImagePush 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(registry.id, deployerPrincipalId, roles.acrPush)
  scope: registry
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPush)
  }
}

resource deployerArtifacts 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storage::blobService::artifacts.id, deployerPrincipalId, roles.storageBlobDataContributor)
  scope: storage::blobService::artifacts
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}
