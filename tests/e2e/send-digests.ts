// Sends the daily digests due at a given moment and delivers what is then due, as the
// scheduler would at that moment, against the browser tests' database (tests/e2e/serve.mjs
// keeps its own timer off: the timed rules would rewrite the demo data under the browser).
// Run by tests/e2e/week.spec.ts as `tsx tests/e2e/send-digests.ts <ISO moment>` with the
// server's DATABASE_URL, OUTBOX_DIR and PUBLIC_URL.
import { sendDueDigests } from "~/domain/notifications/digest.server";
import { deliverDueNotifications } from "~/domain/notifications/notifications.server";
import { db } from "~/data/db.server";

const now = new Date(process.argv[2] ?? "");
if (Number.isNaN(now.getTime())) throw new Error("usage: send-digests.ts <ISO moment>");

const digests = await sendDueDigests({ now });
let delivered = 0;
for (;;) {
  const { sent } = await deliverDueNotifications({ now });
  if (!sent) break;
  delivered += sent;
}
console.log(JSON.stringify({ digests, delivered }));
await db.$disconnect();
