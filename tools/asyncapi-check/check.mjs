// Checks an AsyncAPI document (YAML or JSON) with the official AsyncAPI parser, and also checks its
// protocol bindings against the binding schemas of @asyncapi/specs (the parser does not validate the
// bindings of 2.x documents).
// Usage: node check.mjs <file>. Exits 1 and prints the diagnostics when the document has errors;
// warnings are printed but do not fail. Always ends with one summary line.
import { Parser, fromFile, DiagnosticSeverity } from '@asyncapi/parser';
import specs from '@asyncapi/specs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

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

let bindings = 0;
if (document) {
  for (const problem of bindingProblems(document.json())) {
    counts.error += 1;
    console.log(`error: ${file} ${problem} [binding-schema]`);
  }
}

const failed = counts.error > 0 || !document;
const what = document
  ? `AsyncAPI ${document.version()}, ${document.channels().length} channels, ${document.allMessages().length} messages, ${bindings} bindings checked`
  : 'not an AsyncAPI document';
console.log(`asyncapi-check: ${file}: ${failed ? 'INVALID' : 'valid'} (${what}; ${counts.error} errors, ${counts.warning} warnings)`);
process.exit(failed ? 1 : 0);

/** Every binding of the (resolved) document checked against its schema; returns the problems found. */
function bindingProblems(doc) {
  const definitions = specs.schemas['3.0.0'].definitions;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  for (const [id, schema] of Object.entries(definitions)) {
    if (!ajv.getSchema(id)) ajv.addSchema(schema, id);
  }
  const problems = [];
  const check = (kind, where, map) => {
    for (const [protocol, binding] of Object.entries(map ?? {})) {
      if (protocol.startsWith('x-') || binding === null || typeof binding !== 'object') continue;
      const id = schemaId(definitions, protocol, kind, binding.bindingVersion);
      if (!id) {
        if (binding.bindingVersion) problems.push(`${where}.${protocol}: no ${kind} binding schema for version ${binding.bindingVersion}`);
        continue;
      }
      bindings += 1;
      const validate = ajv.getSchema(id);
      if (!validate(binding)) {
        for (const e of validate.errors) problems.push(`${where}.${protocol}${e.instancePath.replaceAll('/', '.')}: ${e.message}`);
      }
    }
  };
  const checkMessage = (where, message) => {
    if (!message) return;
    for (const [i, m] of (message.oneOf ?? [message]).entries()) {
      check('message', message.oneOf ? `${where}.oneOf.${i}.bindings` : `${where}.bindings`, m.bindings);
    }
  };
  for (const [name, server] of Object.entries(doc.servers ?? {})) check('server', `servers.${name}.bindings`, server.bindings);
  for (const [name, channel] of Object.entries(doc.channels ?? {})) {
    check('channel', `channels.${name}.bindings`, channel.bindings);
    for (const op of ['publish', 'subscribe']) {
      if (!channel[op]) continue;
      check('operation', `channels.${name}.${op}.bindings`, channel[op].bindings);
      checkMessage(`channels.${name}.${op}.message`, channel[op].message);
    }
  }
  for (const [name, message] of Object.entries(doc.components?.messages ?? {})) {
    check('message', `components.messages.${name}.bindings`, message.bindings);
  }
  return [...new Set(problems)];
}

/** The $id of the binding schema for protocol/kind at version (the latest known one when version is unset). */
function schemaId(definitions, protocol, kind, version) {
  const prefix = `http://asyncapi.com/bindings/${protocol}/`;
  const suffix = `/${kind}.json`;
  const versions = Object.keys(definitions)
    .filter((id) => id.startsWith(prefix) && id.endsWith(suffix))
    .map((id) => id.slice(prefix.length, -suffix.length));
  if (version) return versions.includes(version) ? `${prefix}${version}${suffix}` : null;
  const latest = versions.sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).pop();
  return latest ? `${prefix}${latest}${suffix}` : null;
}
