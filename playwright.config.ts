import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3301);

// Debian's Chromium, never a downloaded browser (see README, "Tests").
export default defineConfig({
  testDir: "tests/e2e",
  // Empties the record of visited pages (tests/e2e/page-checks.ts) at the start of each run.
  globalSetup: "./tests/e2e/global-setup.ts",
  projects: [
    { name: "browser", testMatch: /\.spec\.ts$/ },
    // Runs after every browser test, on the pages they visited.
    { name: "pages", testMatch: /visited-pages\.check\.ts$/, dependencies: ["browser"] },
  ],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "uk-UA",
    timezoneId: "Europe/Kyiv",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node tests/e2e/serve.mjs",
    url: `http://127.0.0.1:${PORT}/healthz`,
    env: { PORT: String(PORT) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
