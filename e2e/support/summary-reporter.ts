import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints one machine-readable line when the run ends, e.g. `E2E: 2 passed, 0 failed, 0 skipped, 0 flaky (14.2 s)`,
 * so scripts can grep the outcome without parsing the list reporter. Counts each test once, by its final result.
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase['outcome']>>();
  private startedAt = Date.now();

  onBegin(): void {
    this.startedAt = Date.now();
  }

  onTestEnd(test: TestCase, _result: TestResult): void {
    this.outcomes.set(test.id, test.outcome());
  }

  onEnd(result: FullResult): void {
    const count = (o: string) => [...this.outcomes.values()].filter((v) => v === o).length;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    process.stdout.write(
      `E2E: ${count('expected')} passed, ${count('unexpected')} failed, ${count('skipped')} skipped, ${count('flaky')} flaky (${seconds} s) status=${result.status}\n`,
    );
  }

  printsToStdio(): boolean {
    return true;
  }
}
