// Canned replies: texts an admin keeps in Ukrainian and English, which staff insert into a
// message or a question on a request's page. Placeholders in braces are filled from the request
// when the text is inserted (decision 029). Pure; the storage is ./reply-templates.server.ts.
import { type Locale, formatDateTime } from "~/i18n/locale";
import { translate } from "~/i18n/messages";
import { replyMessages } from "~/i18n/messages/replies";

const REPLY_PLACEHOLDERS = ["reference", "enterprise", "statusLink", "dueDate"] as const;
type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

/**
 * `{name}`: a word in braces, in any alphabet, so that `{дата}` or a Cyrillic letter typed into
 * `{dueDate}` is caught as unknown when the admin saves. Anything else in braces is left as typed.
 */
const PLACEHOLDER = /\{([\p{L}\p{N}_]+)\}/gu;

const isPlaceholder = (name: string): name is ReplyPlaceholder => (REPLY_PLACEHOLDERS as readonly string[]).includes(name);

/** The names in braces that are not placeholders (a typo such as {referense}), each once. */
export function unknownPlaceholders(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !isPlaceholder(name)))];
}

/** What a reply is filled from: the request as the staff page shows it. */
export type ReplyFacts = { reference: string; enterpriseName: string; nextDueAt: Date | string | null };

/** The reply in `locale` with its placeholders filled from the request; one pass, so values are never re-read as placeholders. */
export function fillReply(body: string, locale: Locale, facts: ReplyFacts): string {
  const t = (key: "replies.statusLink" | "replies.noDueDate") => translate(locale, key, {}, replyMessages[locale]);
  const values: Record<ReplyPlaceholder, string> = {
    reference: facts.reference,
    enterprise: facts.enterpriseName,
    // The private link cannot be written here. The database keeps only its hash (decision 003),
    // and the text becomes a message every staff member can read later and the enterprise's
    // e-mail quotes (decision 024); so it names where the enterprise finds its link.
    statusLink: t("replies.statusLink"),
    // While no deadline runs (waiting on the enterprise, or finished): visibly to be edited.
    dueDate: facts.nextDueAt ? formatDateTime(facts.nextDueAt, locale) : t("replies.noDueDate"),
  };
  return body.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}

/** The message field after inserting `reply`: what was typed, a blank line, the reply. */
export function withReply(typed: string, reply: string): string {
  const kept = typed.replace(/\s+$/, "");
  return kept ? `${kept}\n\n${reply}` : reply;
}

/** A choice in the page's template list: the template and the language of the text to insert. */
export function replyChoice(id: string, locale: Locale) {
  return `${id}:${locale}`;
}
