// Only for the Elastic Premium plan: the Azure Files share the plan keeps the app's content on. Azure Files for a
// Functions content share is reached with a connection string (account key), the one secret of the deployment, so
// it gets its own storage account (the product's account keeps shared-key access off) and its connection string
// lives in Key Vault, referenced by the app setting WEBSITE_CONTENTAZUREFILECONNECTIONSTRING.

@description('Location of the resources.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the content storage account.')
@minLength(3)
@maxLength(24)
param name string

@description('Name of the file share (the app setting WEBSITE_CONTENTSHARE).')
param shareName string

@description('Key Vault that receives the connection string.')
param keyVaultName string

@description('Name of the secret holding the connection string.')
param secretName string

resource content 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource files 'Microsoft.Storage/storageAccounts/fileServices@2024-01-01' = {
  parent: content
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2024-01-01' = {
  parent: files
  name: shareName
  properties: { shareQuota: 100 }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: secretName
  properties: {
    contentType: 'Azure Storage connection string'
    value: 'DefaultEndpointsProtocol=https;AccountName=${content.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${content.listKeys().keys[0].value}'
  }
}

output shareName string = share.name
output secretUri string = connectionString.properties.secretUri
