import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "local/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration suites each start their own local stand-ins; two cores
    // leave room for two suites at a time.
    maxWorkers: 2,
  },
});
