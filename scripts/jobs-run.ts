// `npm run jobs:run`: runs the timed rules once (for cron, when the server's own timer is off).
import { runScheduledJobs } from "~/domain/scheduler.server";
import { db } from "~/data/db.server";

const result = await runScheduledJobs();
console.log(JSON.stringify(result));
await db.$disconnect();
