import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "local/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration suites each start their own local stand-ins; two cores
    // leave room for two suites at a time.
    maxWorkers: 2,
    env: {
      // Expected 4xx and 5xx paths log at info and error; warn keeps test output readable.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      // Lambda runs Node.js 22; the SDK's notice about that on Node 20 is noise in tests.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  },
});
