// A runner process of its own for tests (tests/integration/notification-preferences.test.ts):
// sends the daily digests due now, as the scheduler does, and prints how many it wrote.
import { sendDueDigests } from "~/domain/notifications/digest.server";
import { db } from "~/data/db.server";

console.log(JSON.stringify({ digests: await sendDueDigests() }));
await db.$disconnect();
