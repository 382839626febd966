import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Suites that extract a corpus in beforeAll take longer than vitest's 10 s default on a busy 2-core machine.
    hookTimeout: 120_000,
  },
});
