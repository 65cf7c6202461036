// Lints an OpenAPI document (YAML or JSON) with Redocly's linter (the "recommended" rules, which include
// validating the document's structure against the OpenAPI specification).
// Usage: node check-openapi.mjs <file>. Exits 1 and prints the problems when there are errors; warnings are
// printed but do not fail. Prints one summary line.
import { createConfig, lint } from '@redocly/openapi-core';

const file = process.argv[2];
if (!file) {
  console.error('usage: node check-openapi.mjs <openapi.yaml|openapi.json>');
  process.exit(2);
}

const config = await createConfig({ extends: ['recommended'] });
let problems;
try {
  problems = await lint({ ref: file, config });
} catch (e) {
  console.error(`openapi-check: ${file}: cannot be read or parsed: ${e.message}`);
  process.exit(1);
}
const counts = { error: 0, warn: 0 };
for (const p of problems) {
  if (p.ignored) continue;
  counts[p.severity] = (counts[p.severity] ?? 0) + 1;
  const location = p.location?.[0];
  const where = location?.pointer ?? '(document)';
  console.log(`${p.severity}: ${file} ${where}: ${p.message} [${p.ruleId}]`);
}
const failed = counts.error > 0;
console.log(`openapi-check: ${file}: ${failed ? 'INVALID' : 'valid'} (${counts.error} errors, ${counts.warn} warnings)`);
process.exit(failed ? 1 : 0);
