// Creates a staff account from the command line (the first admin, or when the admin pages
// are not at hand). Exit codes: 0 created, 2 refused (bad arguments, duplicate email,
// unknown cluster), 1 anything unexpected.
//
//   npm run user:create -- --email a@b.ua --role COORDINATOR|ADMIN|CLUSTER_MEMBER
//                          [--cluster slug] [--name "Ім'я Прізвище"] [--password ...]
import { parseArgs } from "node:util";
import { createUser } from "~/domain/admin/admin.server";
import { translateError } from "~/i18n/messages";
import { PASSWORD_MIN, ROLES, UserCreateSchema } from "~/schemas/admin";
import { db } from "~/data/db.server";

const USAGE = `Usage: npm run user:create -- --email a@b.ua --role ${ROLES.join("|")} [--cluster slug] [--name "..."] [--password ...]

  --email     the sign-in address (stored lower-case)
  --role      ${ROLES.join(", ")}
  --cluster   the cluster's slug; required for CLUSTER_MEMBER, refused for other roles
  --name      shown in the tracker; defaults to the part of the email before @
  --password  at least ${PASSWORD_MIN} characters; omit it to get a strong generated one,
              printed once (a password typed here stays in the shell history)`;

class Refusal extends Error {}

function refuse(message: string): never {
  throw new Refusal(message);
}

/** A schema or domain error key as a line for the terminal: "--cluster: There is no such cluster." */
function explain(field: string | undefined, error: string) {
  const message = field === "role" ? `must be one of ${ROLES.join(", ")}.` : translateError("en", error);
  return field ? `--${field}: ${message}` : message;
}

// The rules are the admin page's (app/schemas/admin.ts); only the spelling of the input differs.
function readArguments(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        cluster: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    refuse(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const parsed = UserCreateSchema.safeParse({
    email: values.email,
    role: values.role?.trim().toUpperCase(),
    cluster: values.cluster?.trim() || undefined,
    name: values.name?.trim() || undefined,
    password: values.password,
  });
  if (!parsed.success) {
    refuse(parsed.error.issues.map((issue) => explain(String(issue.path[0] ?? ""), issue.message)).join("\n"));
  }
  return parsed.data;
}

async function main() {
  const outcome = await createUser({ input: readArguments(process.argv.slice(2)), actorUserId: null });
  if (!outcome.ok) refuse(explain(outcome.field, outcome.error));
  const { user, generatedPassword } = outcome;
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  if (generatedPassword) console.log(`Password (shown only this once): ${generatedPassword}`);
}

try {
  await main();
  process.exitCode = 0;
} catch (error) {
  if (error instanceof Refusal) {
    console.error(`user:create: ${error.message}\nRun with --help for usage.`);
    process.exitCode = 2;
  } else {
    console.error("user:create failed:", error);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
