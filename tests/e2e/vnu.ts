// The W3C Nu HTML validator (npm `vnu-jar`), run once on a whole batch of files: the Java VM
// takes a few seconds to start, a page takes milliseconds once it runs.
import { execFile, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export type VnuMessage = { type: string; subType?: string; url?: string; message: string; extract?: string; lastLine?: number };

const require = createRequire(import.meta.url);

/** The jar the npm package ships (its postinstall, which would download a Java, is not run). */
export function vnuJar(): string {
  return require.resolve("vnu-jar/build/dist/vnu.jar");
}

/**
 * The validator needs a Java runtime (17 or later). Without one the checks fail, loudly: a
 * missing Java must never read as "no errors found".
 */
export function requireJava(env: NodeJS.ProcessEnv = process.env): string {
  const java = env.JAVA ?? "java";
  const probe = spawnSync(java, ["-version"], { env, encoding: "utf8" });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `The HTML checks need Java 17 or later to run the W3C Nu validator, and "${java}" could not be run ` +
        `(${probe.error?.message ?? `exit ${probe.status}`}). Install it: apt-get install default-jre-headless ` +
        `(.ci/run does this on a machine that lacks it).`,
    );
  return java;
}

/**
 * Validates the files in one Java process, without blocking this one meanwhile (the page checks
 * lay pages out in the browser while it runs); resolves with the errors, keyed by file path.
 */
export async function validateHtml(files: string[], env: NodeJS.ProcessEnv = process.env): Promise<Map<string, VnuMessage[]>> {
  const java = requireJava(env);
  // A short run: the quick compiler alone and the simple collector take half the time.
  const jvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"];
  const options = ["--errors-only", "--exit-zero-always", "--format", "json", "--stdout"];
  const stdout = await promisify(execFile)(java, [...jvm, "-jar", vnuJar(), ...options, ...files], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).then(
    (run) => run.stdout,
    (error: Error & { stderr?: string }) => {
      throw new Error(`the validator did not run: ${error.stderr || error.message}`);
    },
  );
  const { messages } = JSON.parse(stdout) as { messages: VnuMessage[] };
  const byFile = new Map<string, VnuMessage[]>(files.map((file) => [file, []]));
  for (const message of messages) {
    const file = message.url ? fileURLToPath(message.url) : "";
    if (!byFile.has(file)) throw new Error(`the validator could not check ${message.url ?? "a file"}: ${message.message}`);
    byFile.get(file)!.push(message);
  }
  return byFile;
}
