// Creates a staff account from the command line (the first admin, or when the admin pages
// are not at hand). Exit codes: 0 created, 2 refused (bad arguments, duplicate email,
// unknown cluster), 1 anything unexpected.
//
//   npm run user:create -- --email a@b.ua --role COORDINATOR|ADMIN|CLUSTER_MEMBER
//                          [--cluster slug] [--name "Ім'я Прізвище"] [--password ...]
import { pathToFileURL } from "node:url";
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
class Help extends Error {}

function refuse(message: string): never {
  throw new Refusal(message);
}

/** A schema or domain error key as a line for the terminal: "--cluster: There is no such cluster." */
function explain(field: string | undefined, error: string) {
  const message = field === "role" ? `must be one of ${ROLES.join(", ")}.` : translateError("en", error);
  return field ? `--${field}: ${message}` : message;
}

// The rules are the admin page's (app/schemas/admin.ts); only the spelling of the input differs.
function readArguments(argv: string[], out: Pick<Console, "log">) {
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
    out.log(USAGE);
    throw new Help();
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

/**
 * Runs the command on its arguments and gives its exit code: 0 created, 2 refused, 1 anything
 * unexpected. What it says goes to `out` (the terminal; the tests read it in-process).
 */
export async function userCreate(argv: string[], out: Pick<Console, "log" | "error"> = console): Promise<number> {
  try {
    const outcome = await createUser({ input: readArguments(argv, out), actorUserId: null });
    if (!outcome.ok) refuse(explain(outcome.field, outcome.error));
    const { user, generatedPassword } = outcome;
    out.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
    if (generatedPassword) out.log(`Password (shown only this once): ${generatedPassword}`);
    return 0;
  } catch (error) {
    if (error instanceof Help) return 0;
    if (error instanceof Refusal) {
      out.error(`user:create: ${error.message}\nRun with --help for usage.`);
      return 2;
    }
    out.error("user:create failed:", error);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = await userCreate(process.argv.slice(2));
  } finally {
    await db.$disconnect();
  }
}
