// Creates a staff account from the command line (the first admin, or when the admin pages
// are not at hand). Exit codes: 0 created, 2 refused (bad arguments, duplicate email,
// unknown cluster), 1 anything unexpected.
//
//   npm run user:create -- --email a@b.ua --role COORDINATOR|ADMIN|CLUSTER_MEMBER
//                          [--cluster slug] [--name "Ім'я Прізвище"] [--password ...]
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { normalizeEmail } from "~/domain/auth.server";
import { hashPassword } from "~/domain/password.server";
import { db } from "~/utils/db.server";

const ROLES = ["ADMIN", "COORDINATOR", "CLUSTER_MEMBER"] as const;
const MIN_PASSWORD = 12;

const USAGE = `Usage: npm run user:create -- --email a@b.ua --role ${ROLES.join("|")} [--cluster slug] [--name "..."] [--password ...]

  --email     the sign-in address (stored lower-case)
  --role      ${ROLES.join(", ")}
  --cluster   the cluster's slug; required for CLUSTER_MEMBER, refused for other roles
  --name      shown in the tracker; defaults to the part of the email before @
  --password  at least ${MIN_PASSWORD} characters; omit it to get a strong generated one,
              printed once (a password typed here stays in the shell history)`;

class Refusal extends Error {}

function refuse(message: string): never {
  throw new Refusal(message);
}

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
  if (!values.email) refuse("--email is required.");
  const email = normalizeEmail(values.email);
  if (!z.email().safeParse(email).success || email.length > 254) refuse(`--email: "${values.email}" is not an email address.`);
  if (!values.role) refuse("--role is required.");
  const role = ROLES.find((r) => r === values.role?.trim().toUpperCase());
  if (!role) refuse(`--role must be one of ${ROLES.join(", ")} (got "${values.role}").`);
  const cluster = values.cluster?.trim() || undefined;
  if (role === "CLUSTER_MEMBER" && !cluster) refuse("--cluster is required for CLUSTER_MEMBER.");
  if (role !== "CLUSTER_MEMBER" && cluster) refuse(`--cluster applies only to CLUSTER_MEMBER, not ${role}.`);
  const name = values.name?.trim() || email.split("@")[0]!;
  if (name.length > 200) refuse("--name: at most 200 characters.");
  if (values.password !== undefined && values.password.length < MIN_PASSWORD) {
    refuse(`--password: at least ${MIN_PASSWORD} characters.`);
  }
  return { email, role, cluster, name, password: values.password };
}

async function main() {
  const args = readArguments(process.argv.slice(2));
  const generated = args.password === undefined;
  // 18 random bytes: 24 characters, 144 bits.
  const password = args.password ?? randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);

  const user = await db.$transaction(async (tx) => {
    let clusterId: string | null = null;
    if (args.cluster) {
      const cluster = await tx.cluster.findUnique({ where: { slug: args.cluster }, select: { id: true, active: true } });
      if (!cluster) refuse(`--cluster: no cluster with the slug "${args.cluster}".`);
      if (!cluster.active) refuse(`--cluster: the cluster "${args.cluster}" is not active.`);
      clusterId = cluster.id;
    }
    if (await tx.user.findUnique({ where: { email: args.email }, select: { id: true } })) {
      refuse(`A user with the email ${args.email} already exists.`);
    }
    return tx.user.create({
      data: { email: args.email, name: args.name, role: args.role, clusterId, passwordHash },
      select: { id: true, email: true, role: true },
    });
  });

  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  if (generated) console.log(`Password (shown only this once): ${password}`);
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
