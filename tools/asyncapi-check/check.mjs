// Parses an AsyncAPI document (YAML or JSON) with the official AsyncAPI parser.
// Usage: node check.mjs <file>. Exits 1 and prints the diagnostics when the document has errors;
// warnings and hints are printed but do not fail. Prints one summary line.
import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';

const file = process.argv[2];
if (!file) {
  console.error('usage: node check.mjs <asyncapi.yaml|asyncapi.json>');
  process.exit(2);
}

const SEVERITY = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

const parser = new Parser();
let result;
try {
  result = await fromFile(parser, file).parse();
} catch (e) {
  console.error(`asyncapi-check: ${file}: cannot be read or parsed: ${e.message}`);
  process.exit(1);
}
const { document, diagnostics } = result;
const counts = { error: 0, warning: 0, info: 0, hint: 0 };
for (const d of diagnostics) {
  const severity = SEVERITY[d.severity] ?? 'error';
  counts[severity] += 1;
  if (severity === 'info' || severity === 'hint') continue;
  const where = d.path && d.path.length ? d.path.join('.') : '(document)';
  const line = d.range ? `:${d.range.start.line + 1}` : '';
  console.log(`${severity}: ${file}${line} ${where}: ${d.message} [${d.code}]`);
}
const failed = counts.error > 0 || !document;
const what = document
  ? `AsyncAPI ${document.version()}, ${document.channels().length} channels, ${document.allMessages().length} messages`
  : 'not an AsyncAPI document';
console.log(`asyncapi-check: ${file}: ${failed ? 'INVALID' : 'valid'} (${what}; ${counts.error} errors, ${counts.warning} warnings)`);
process.exit(failed ? 1 : 0);
