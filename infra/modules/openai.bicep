// Azure OpenAI account with the embedding deployment the pipeline uses for item texts (specs with the
// azure-openai embedder; the Functions app's AZURE_OPENAI_* defaults). Keys are disabled: the Functions app calls
// it with its managed identity (Cognitive Services OpenAI User, role-assignments.bicep).

@description('Location of the account (a region where the embedding model is offered).')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the account; also its custom subdomain (needed for Microsoft Entra ID authentication).')
param name string

@description('Name of the embedding deployment.')
param embeddingDeploymentName string

@description('Embedding model, e.g. text-embedding-3-small, text-embedding-3-large or text-embedding-ada-002.')
param embeddingModel string

@description('Version of the embedding model.')
param embeddingModelVersion string

@description('Capacity of the deployment in thousands of tokens per minute.')
@minValue(1)
param embeddingCapacity int

@description('Deployment type: Standard (regional) or GlobalStandard.')
@allowed(['Standard', 'GlobalStandard'])
param embeddingSku string = 'Standard'

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource embedding 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: embeddingDeploymentName
  sku: { name: embeddingSku, capacity: embeddingCapacity }
  properties: {
    model: { format: 'OpenAI', name: embeddingModel, version: embeddingModelVersion }
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
output embeddingDeploymentName string = embedding.name
