// Reads the JSON reports of one scripts/test run and prints the per-step table and the single
// closing line `N passed, N failed[, N skipped]`. Exits 1 when anything failed or is missing.
import { existsSync, readFileSync } from 'node:fs';

const [stepsFile] = process.argv.slice(2);
const steps = readFileSync(stepsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(line => {
    const [name, kind, status, report] = line.split('\t');
    return { name, kind, status, report };
  });

function countJest(report) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // Suites that crashed before running any test count as one failure each.
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
    skipped: r.numPendingTests + (r.numTodoTests ?? 0),
  };
}

function countPlaywright(report) {
  const { stats, errors = [] } = JSON.parse(readFileSync(report, 'utf8'));
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + errors.length,
    skipped: stats.skipped,
  };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
console.log('\n== test summary ==');
for (const step of steps) {
  let counts;
  if (step.kind === 'check') {
    counts =
      step.status === '0'
        ? { passed: 1, failed: 0, skipped: 0 }
        : { passed: 0, failed: 1, skipped: 0 };
  } else if (!step.report || !existsSync(step.report)) {
    counts = { passed: 0, failed: 1, skipped: 0 }; // the runner died before writing its report
  } else {
    counts =
      step.kind === 'jest'
        ? countJest(step.report)
        : countPlaywright(step.report);
    if (step.status !== '0' && counts.failed === 0) counts.failed = 1; // runner failed outside tests
  }
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  const detail =
    step.kind === 'check'
      ? counts.failed
        ? 'FAILED'
        : 'ok'
      : `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  console.log(`${step.name.padEnd(22)} ${detail}`);
}
console.log(
  `${totals.passed} passed, ${totals.failed} failed` +
    (totals.skipped ? `, ${totals.skipped} skipped` : ''),
);
process.exit(totals.failed > 0 ? 1 : 0);
