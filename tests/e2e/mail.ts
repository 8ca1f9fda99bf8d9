// The e-mails the server "sent" in the browser tests: .eml files in its outbox folder
// (tests/e2e/serve.mjs sets OUTBOX_DIR), written when the outbox is delivered.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { signIn } from "./fixtures";

const OUTBOX = path.resolve("tests/.tmp/e2e/outbox");

/**
 * Delivers every message that is due, as an admin would with "send now" on /admin/outbox (each
 * press sends at most 50, the oldest first: the demo data leaves many waiting).
 */
export async function deliverMail(browser: Browser) {
  const context = await browser.newContext();
  await signIn(context, "admin@rrc.example");
  try {
    for (let round = 0; round < 200; round++) {
      const response = await context.request.post("/admin/outbox", { form: { intent: "deliver" }, maxRedirects: 0 });
      if (response.status() !== 303) throw new Error(`delivering the outbox failed: ${response.status()}`);
      const sent = Number(new URL(response.headers().location!, "http://localhost").searchParams.get("sent"));
      if (!sent) return;
    }
  } finally {
    await context.close();
  }
}

function decodeBody(headers: string, body: string) {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

export type Mail = { to: string; subject: string; text: string; file: string };

async function readMail(file: string): Promise<Mail> {
  const raw = await readFile(file, "utf8");
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1] ?? "";
  // A subject with encoded words (=?UTF-8?Q?…?=, =?UTF-8?B?…?=) is all of them: their bytes are
  // joined before decoding, since a character may be split between two words.
  const words = [...header("subject").matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)];
  const wordBytes = ([, kind, text]: RegExpMatchArray) =>
    kind!.toLowerCase() === "b"
      ? Buffer.from(text!, "base64")
      : Buffer.from(
          text!.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        );
  const subject = words.length ? Buffer.concat(words.map(wordBytes)).toString("utf8") : header("subject");
  return { to: header("to"), subject, text: decodeBody(headers, raw.slice(split + 4)), file };
}

/**
 * Every message to `to` whose subject contains `subject`, delivered since `since` (ms), oldest
 * first. The folder outlives one run of the tests (references and accounts repeat), so a test
 * passes the time it started.
 */
export async function mailsTo(to: string, subject: string, since: number): Promise<Mail[]> {
  const files = (await readdir(OUTBOX).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).map((f) => path.join(OUTBOX, f));
  const fresh = (await Promise.all(files.map(async (file) => ({ file, at: (await stat(file)).mtimeMs })))).filter((f) => f.at >= since);
  fresh.sort((a, b) => a.at - b.at);
  const mails = await Promise.all(fresh.map((f) => readMail(f.file)));
  return mails.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()) && m.subject.includes(subject));
}

/** The links in a message to this site's pages. */
export function linksIn(mail: Mail) {
  return [...mail.text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => new URL(m[0]));
}
