import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/watchdog.ts'],
    testTimeout: 60_000,
    // Suites that extract a corpus in beforeAll take longer than vitest's 10 s default on a busy 2-core machine.
    hookTimeout: 120_000,
    // Off a terminal (CI, a log file) a dot a test: the failures and the summary stay near the top
    // of the log, where a viewer that shows only its first part still finds them.
    reporters: process.stdout.isTTY ? ['default'] : ['dot'],
  },
});
