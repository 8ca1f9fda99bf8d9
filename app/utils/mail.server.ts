// Sending one email. With SMTP_URL set, through that server (nodemailer); otherwise each
// message is written as an RFC 822 .eml file into OUTBOX_DIR, so a fresh clone "sends" mail
// without a mail server and every message can be opened in a mail client.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "~/config/env.server";

export type OutgoingMail = {
  /** The notification's id: the file name and the Message-ID, so a resend is recognisable. */
  id: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
};

export type MailTransport = {
  /** "smtp" or "file": shown on the admin page so nobody wonders where mail went. */
  kind: string;
  /** Resolves when the message is handed over; rejects with the reason otherwise. */
  send(mail: OutgoingMail): Promise<void>;
};

function messageIdFor(id: string) {
  const domain = /@([^>\s]+)>?\s*$/.exec(env.MAIL_FROM)?.[1] ?? "localhost";
  return `<${id}@${domain}>`;
}

function envelope(mail: OutgoingMail) {
  return {
    from: env.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    date: mail.date,
    messageId: messageIdFor(mail.id),
  };
}

function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(mail) {
      await transporter.sendMail(envelope(mail));
    },
  };
}

/** Writes `<id>.eml` (CRLF line ends, as RFC 5322 wants) into `dir`, creating it if needed. */
export function fileTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "file",
    async send(mail) {
      const info = await builder.sendMail(envelope(mail));
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${mail.id.replace(/[^A-Za-z0-9_-]/g, "_")}.eml`);
      // Written aside and renamed, so a reader never sees half a message.
      const partial = `${file}.partial`;
      await fs.writeFile(partial, info.message as Buffer);
      await fs.rename(partial, file);
    },
  };
}

function outboxDir() {
  return path.resolve(process.cwd(), env.OUTBOX_DIR);
}

let configured: MailTransport | undefined;

/** The transport the configuration asks for, created once. */
export function mailTransport(): MailTransport {
  configured ??= env.SMTP_URL ? smtpTransport(env.SMTP_URL) : fileTransport(outboxDir());
  return configured;
}
