// The Bicep CLI comes from its linux-x64 package, and the pipeline scripts are POSIX shell: these tests run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
