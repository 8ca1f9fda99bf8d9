// The intake form in the browser. The page is served complete and works with JavaScript off
// (the server checks everything and sends the form back with its errors); it is not hydrated
// with React, so a phone on a bad line loads a fraction of the JavaScript (decision 012). This
// script adds what JavaScript can:
// - each field's errors as it is left, from the same schema the server checks;
// - a draft kept on the device, offered back on the next visit (text only: a browser cannot
//   keep chosen files, and the form says so beside its file field);
// - no submission lost for lack of a connection: it says so and keeps everything;
// - a button that says it is sending;
// - the documents checked as they are chosen and sent with a progress bar (./uploads.ts).
// What it adds to the page follows the markup of app/components/forms.tsx.
import { parseWithZod } from "@conform-to/zod/v4";
import { errorMessageKey, interpolate } from "~/i18n/format-message";
import { HONEYPOT_FIELD, INTAKE_DRAFT_KEY, INTAKE_FORM_ID, INTAKE_STRINGS_ID, IntakeSchema, withoutOtherCategoryFields } from "~/schemas/intake";
import { clearDraft, fillForm, formDraft, isChanged, isDirty, readDraft, writeDraft, type Draft } from "./draft";
import { putList } from "./field-errors";
import { installUploads, translator } from "./uploads";

/** Not kept in the draft: the bots' field, and consent (given afresh each time). */
const NOT_IN_DRAFT = [HONEYPOT_FIELD, "consent"];
const SAVE_DELAY_MS = 300;

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
/** A field the schema judges. The file field is not one: the server checks the documents. */
const isField = (e: unknown): e is Field =>
  (e instanceof HTMLInputElement && e.type !== "file") || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement;

function enhance(form: HTMLFormElement, strings: Record<string, string>) {
  const locale = document.documentElement.lang === "en" ? "en" : "uk";
  const t = (key: string) => strings[key] ?? key;
  const tError = (code: string) => {
    const { key, params } = errorMessageKey(code, locale);
    return strings[key] ? interpolate(strings[key], params) : code;
  };
  const element = (tag: string, attributes: Record<string, string>, text?: string) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // Above the form: the draft's bar or note, then one notice for the form as a whole (the
  // server's, when it sent one).
  const draftSlot = element("div", {});
  const notice =
    form.parentElement?.querySelector<HTMLElement>("[data-form-notice]") ?? element("p", { class: "notice error", role: "alert", "data-form-notice": "" });
  if (!notice.isConnected) {
    notice.hidden = true;
    form.before(notice);
  }
  notice.before(draftSlot);
  const say = (text: string | null) => {
    notice.hidden = text === null;
    notice.replaceChildren(text ?? "");
  };

  // ---- Errors beside the fields, as each is left after typing in it, and then as it is corrected.
  // Checked from the start: fields the server marked wrong, and fields typed into and left
  // before this script arrived (on a slow line people start before it does). A field only
  // passed through (focused and left untouched) is checked when the form is sent.
  const touched = new Set<string>();
  const edited = new Set<string>();
  for (const field of Array.from(form.elements)) {
    if (!isField(field) || !field.name || field.name === HONEYPOT_FIELD) continue;
    const left = isChanged(field) && field !== document.activeElement;
    if (field.getAttribute("aria-invalid") === "true" || left) touched.add(field.name);
  }

  const check = (): Record<string, string[]> => {
    const submission = parseWithZod(withoutOtherCategoryFields(new FormData(form)), { schema: IntakeSchema });
    const errors: Record<string, string[]> = {};
    if (submission.status === "success") return errors;
    for (const [name, list] of Object.entries(submission.error ?? {})) if (list?.length) errors[name] = list;
    return errors;
  };

  const showErrors = (name: string, errors: string[] | undefined) => {
    const field = form.elements.namedItem(name);
    if (isField(field) && field.id) putList(field, `${field.id}-error`, (errors ?? []).map(tError));
  };

  const showTouched = (errors: Record<string, string[]>) => {
    for (const name of touched) showErrors(name, errors[name]);
  };

  if (touched.size) showTouched(check());

  // Nothing may move under the pointer: a field left by pressing on something else (the
  // consent box, the button) shows its errors only once that press has become a click, so
  // the list appearing above does not pull the target away between press and release.
  let pressing = false;
  let pending = false;
  const showWhenReleased = () => {
    if (pressing) pending = true;
    else showTouched(check());
  };
  document.addEventListener("pointerdown", () => (pressing = true), true);
  const release = () => {
    pressing = false;
    // After the click that this release makes (dispatched in the same task).
    if (pending) setTimeout(() => ((pending = false), showTouched(check())), 0);
  };
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);

  form.addEventListener("focusout", (event) => {
    if (!isField(event.target) || !event.target.name || !edited.has(event.target.name)) return;
    touched.add(event.target.name);
    showWhenReleased();
  });
  const onEdit = (event: Event) => {
    if (!isField(event.target) || !event.target.name || event.target.name === HONEYPOT_FIELD) return;
    edited.add(event.target.name);
    if (touched.has(event.target.name)) showTouched(check());
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);

  // ---- The draft.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let offering = false;
  // "Draft saved" shows below the button, where its appearing moves nothing anyone is using.
  const draftStatus = element("p", { class: "hint", role: "status", "aria-live": "polite" });
  form.querySelector('button[type="submit"]')?.after(draftStatus);
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    if (writeDraft(INTAKE_DRAFT_KEY, formDraft(form, NOT_IN_DRAFT)) && !offering) draftStatus.textContent = t("form.draftSaved");
  };
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, SAVE_DELAY_MS);
  };
  const offer = (draft: Draft) => {
    offering = true;
    const restore = element("button", { type: "button", class: "secondary" }, t("form.draftRestore"));
    const discard = element("button", { type: "button", class: "secondary" }, t("form.draftDiscard"));
    const done = () => {
      offering = false;
      draftSlot.replaceChildren();
    };
    restore.addEventListener("click", () => {
      done();
      fillForm(form, draft);
    });
    discard.addEventListener("click", () => {
      clearDraft(INTAKE_DRAFT_KEY);
      done();
    });
    const bar = element("div", { class: "notice warn draft-bar", role: "status" });
    bar.append(element("span", {}, t("form.draftFound")), restore, discard);
    draftSlot.replaceChildren(bar);
  };

  // Offer the draft only when it differs from what the form shows now (the browser or a
  // server reply may already have put the same values back), and only before anything is
  // typed: on a slow connection people start before this script arrives, and what they are
  // typing now is kept instead.
  const draft = readDraft(INTAKE_DRAFT_KEY);
  const dirty = isDirty(form);
  if (draft && !dirty && JSON.stringify(draft) !== JSON.stringify(formDraft(form, NOT_IN_DRAFT))) offer(draft);
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  if (dirty) save();
  // Leaving the page (or the phone locking it) before the pause ends still keeps the last keys.
  const flush = () => {
    if (timer !== undefined) saveNow();
    timer = undefined;
  };
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });

  // ---- Sending.
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const buttonText = button?.textContent ?? "";
  form.addEventListener("submit", (event) => {
    for (const field of Array.from(form.elements)) if (isField(field) && field.name && field.name !== HONEYPOT_FIELD) touched.add(field.name);
    const errors = check();
    showTouched(errors);
    const firstWrong = Array.from(form.elements).find((field) => isField(field) && errors[field.name]);
    if (firstWrong) {
      event.preventDefault();
      say(t("form.fixErrors"));
      (firstWrong as Field).focus();
      return;
    }
    // Stopped already: a chosen file cannot go, and says why beside its field (./uploads.ts).
    if (event.defaultPrevented) return;
    if (navigator.onLine === false) {
      event.preventDefault();
      saveNow();
      say(t("form.offline"));
      return;
    }
    say(null);
    if (button) {
      button.disabled = true;
      button.textContent = t("form.submitting");
    }
  });
  // Back to this page from the browser's history: the button works again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && button) {
      button.disabled = false;
      button.textContent = buttonText;
    }
  });
}

const form = document.getElementById(INTAKE_FORM_ID);
const strings = document.getElementById(INTAKE_STRINGS_ID)?.textContent;
if (form instanceof HTMLFormElement && strings) {
  const dictionary = JSON.parse(strings) as Record<string, string>;
  enhance(form, dictionary);
  // After the form's own checks, which may stop a submission before any file goes.
  installUploads(form, translator(dictionary));
}
