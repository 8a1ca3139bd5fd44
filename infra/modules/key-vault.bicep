// Key Vault for what cannot use a managed identity. With the default Flex Consumption plan nothing does; with the
// Elastic Premium plan it holds the connection string of the plan's Azure Files content share
// (function-content-storage.bicep). Access is Azure RBAC only (no access policies); the Functions app's identity
// gets Key Vault Secrets User only when it has a secret to read (role-assignments.bicep).

@description('Location of the resources.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Log Analytics workspace that receives the vault\'s audit log.')
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'audit', enabled: true } ]
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
