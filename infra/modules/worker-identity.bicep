// The GPU worker's user-assigned identity. User-assigned (not the job's system identity) so that it exists, and
// holds AcrPull, before the Container Apps job that pulls its image with it is created.

@description('Location of the resources.')
param location string

@description('Tags of every resource.')
param tags object

@description('Name of the identity.')
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
