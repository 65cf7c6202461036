// Counts the benchmark workflow's successful executions in n8n's own SQLite database and prints
// {"count", "firstStartedAt", "lastStoppedAt"} as JSON (bench/run turns it into executions/s).
// Usage: node count-executions.js <n8n install dir> <database.sqlite> <workflowId>
const path = require('path');
const [, , installDir, dbFile, workflowId] = process.argv;
function iso(text) {
  if (!text) return null;
  const t = String(text).replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : t + 'Z').toISOString();
}
let sqlite3;
try {
  const n8nDir = path.dirname(require.resolve('n8n/package.json', { paths: [installDir] }));
  sqlite3 = require(require.resolve('sqlite3', { paths: [n8nDir, installDir] }));
} catch (e) {
  console.log(JSON.stringify({ error: 'cannot load sqlite3 from the n8n install: ' + e.message }));
  process.exit(0);
}
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY, (err) => {
  if (err) {
    console.log(JSON.stringify({ error: 'cannot open ' + dbFile + ': ' + err.message }));
    process.exit(0);
  }
});
db.get(
  "SELECT count(*) AS count, min(startedAt) AS first, max(stoppedAt) AS last FROM execution_entity WHERE workflowId = ? AND status = 'success'",
  [workflowId],
  (err, row) => {
    if (err) {
      console.log(JSON.stringify({ error: err.message }));
    } else {
      console.log(JSON.stringify({ count: row.count, firstStartedAt: iso(row.first), lastStoppedAt: iso(row.last) }));
    }
    db.close();
  });
