using System.Text;
using Microneedling.Cli;

// Questions are UTF-8; invalid bytes become U+FFFD instead of failing the run.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
using var stdin = new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = false };
var code = CommandLine.Run(args, stdin, stdout, Console.Error);
stdout.Flush();
return code;
