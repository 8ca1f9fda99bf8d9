// What the enterprise is told when the Centre acts on its request. Each message says what
// happened, quotes the staff's message when there is one, lists the fields that changed, and ends
// with how to reach the request's page; its words are `mail.<kind>.*` in the dictionaries. Which
// action sends which kind: ENTERPRISE_NOTICE in ./announcements.ts.
import { fieldChangeLine } from "~/i18n/field-change-text";
import type { FieldChange } from "../requests/field-changes";
import { ENTERPRISE_NOTICE_KINDS, type EnterpriseNoticeKind } from "./notification-kinds";
import { type Template, quote } from "./notification-text";

export type EnterpriseNoticeParams = {
  reference: string;
  title: string;
  /** The staff's words with the action (the question, the outcome, the reason); "" for none. */
  message: string;
  /** What the action changed, field by field (codes). */
  changes: FieldChange[];
};

const render =
  (kind: EnterpriseNoticeKind): Template<EnterpriseNoticeParams> =>
  (p, t, locale) => {
    const message = p.message.trim();
    return {
      subject: `[${p.reference}] ${t(`mail.${kind}.subject`)}`,
      body: [
        t(`mail.${kind}.lead`, { title: p.title }),
        ...(message ? ["", quote(message)] : []),
        ...(p.changes.length ? ["", t("mail.changed"), ...p.changes.map((change) => `- ${fieldChangeLine(change, locale, t)}`)] : []),
        "",
        // What the enterprise can do now: nothing more about a request closed as a duplicate.
        kind === "duplicate" ? null : t(`mail.${kind}.next`),
        // The enterprise has no account, and the database keeps only a hash of its private link
        // (decision 003): every message after the first points back to the link in the first one.
        t("mail.linkHint"),
      ],
    };
  };

export const ENTERPRISE_TEMPLATES = Object.fromEntries(ENTERPRISE_NOTICE_KINDS.map((kind) => [kind, render(kind)])) as Record<
  EnterpriseNoticeKind,
  Template<EnterpriseNoticeParams>
>;
