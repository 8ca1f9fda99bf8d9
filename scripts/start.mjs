// `npm start`: prints the demo logins and serves the built app (after scripts/prepare.mjs).
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo-users.mjs";

process.env.NODE_ENV ??= "production";
// Links in messages point at this machine unless the site's public address is given; a
// production server started any other way refuses to start without PUBLIC_URL.
process.env.PUBLIC_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
console.log(`Links in messages point to ${process.env.PUBLIC_URL} (set PUBLIC_URL to the site's public address).`);
if (process.env.SHOW_DEMO_LOGINS !== "false") {
  console.log("\nDemo logins (password for all: %s):", DEMO_PASSWORD);
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(15)} ${user.email}${user.cluster ? `  (${user.cluster})` : ""}`);
  console.log("");
}
await import("../server.mjs");
