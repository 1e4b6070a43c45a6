import { defineConfig } from "vitest/config";

// The suite runs on busy 2-core machines (CI, and several people's runs at once): many tests spawn the built CLI
// or Node processes, or sweep thousands of cases, and take seconds there. Timeouts are sized for that; a test
// that is slow for its own reasons still fails, and speed is measured by `npm run bench`, never by a test.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
