// `npm start`: prints the demo logins and serves the built app (after scripts/prepare.mjs).
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo-users.mjs";

process.env.NODE_ENV ??= "production";
if (process.env.SHOW_DEMO_LOGINS !== "false") {
  console.log("\nDemo logins (password for all: %s):", DEMO_PASSWORD);
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(15)} ${user.email}${user.cluster ? `  (${user.cluster})` : ""}`);
  console.log("");
}
await import("../server.mjs");
