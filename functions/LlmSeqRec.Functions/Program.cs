using LlmSeqRec.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions isolated worker: ASP.NET Core integration for the HTTP API, the pipeline's services on the
// artifact storage account (functions/README.md lists the app settings).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPipelineFunctions(builder.Configuration);
builder.Build().Run();
