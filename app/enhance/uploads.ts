// Documents sent with JavaScript (decision 038). Without it every form that takes files is a
// plain multipart post and the server checks everything. With it, on every page that takes
// files (the intake form, the enterprise's status page, the request page):
// - a chosen file the server would refuse by its name, size or number is refused at once,
//   beside the field, with the server's own words, before anything is sent;
// - the form is sent by XMLHttpRequest (fetch cannot report an upload's progress): the same
//   multipart post to the same address, with a progress bar per file;
// - when the server or the connection refuses it, the page stays as it is, with everything
//   typed and the chosen files, and says why beside the field (or above the form).
// Framework-free, so the pages served without React (decision 012) carry it in a few KB; the
// request page, which React runs, installs it from the file field's effect.
import { REFUSALS, type Refusal, selectionRefusal } from "~/domain/files/rules";
import { fileRefusalText as refusalText } from "~/i18n/file-refusal";
import { interpolate } from "~/i18n/format-message";
import { make, putList } from "./field-errors";

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A translator over the strings a page put in its JSON script (keys missing show as keys). */
export function translator(strings: Record<string, string>): Translate {
  return (key, params) => interpolate(strings[key] ?? key, params);
}

const INSTALLED = "data-uploads";

function fileInputs(form: HTMLFormElement) {
  return Array.from(form.querySelectorAll<HTMLInputElement>('input[type="file"]'));
}

/** Why a file field's files cannot go, beside it (`<id>-check`), or nothing. */
const showBeside = (input: HTMLInputElement, messages: string[]) => putList(input, `${input.id}-check`, messages);

/** The server's own list (`<id>-error`) is about files chosen before: it goes once the choice changes. */
const clearServerList = (input: HTMLInputElement) => putList(input, `${input.id}-error`, []);

/** Checks the choice in a field; true when it may be sent. */
function checkField(input: HTMLInputElement, t: Translate) {
  const refused = selectionRefusal(Array.from(input.files ?? []));
  showBeside(input, refused ? [refusalText(t, refused.refusal, refused.file)] : []);
  return refused === null;
}

/** Adds the checks and the progress to one form; returns what undoes it. Idempotent. */
export function installUploads(form: HTMLFormElement, t: Translate): () => void {
  if (form.hasAttribute(INSTALLED)) return () => {};
  form.setAttribute(INSTALLED, "");
  const controller = new AbortController();
  const { signal } = controller;
  let sending: XMLHttpRequest | null = null;

  form.addEventListener(
    "change",
    (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
      clearServerList(input);
      checkField(input, t);
    },
    { signal },
  );

  // The form's notice, above it, while there is something to say.
  let box: HTMLElement | null = null;
  const say = (text: string | null) => {
    if (text === null) {
      box?.remove();
      box = null;
      return;
    }
    box ??= make("p", { class: "notice error", role: "alert" });
    if (!box.isConnected) form.before(box);
    box.textContent = text;
  };

  const buttons = () => Array.from(form.querySelectorAll<HTMLButtonElement>('button[type="submit"], button:not([type])'));
  // Their words now: another script may change them as the form goes (the intake's "Sending…").
  for (const button of buttons()) button.dataset.label = button.textContent ?? "";
  let progress: HTMLElement | null = null;
  const finish = () => {
    sending = null;
    progress?.remove();
    progress = null;
    for (const button of buttons()) {
      button.disabled = false;
      if (button.dataset.label !== undefined) button.textContent = button.dataset.label;
    }
  };

  // First of all the form's listeners (capture runs before them at the form itself): files that
  // cannot go stop the submission; the page's own checks still run and see it stopped.
  form.addEventListener(
    "submit",
    (event) => {
      const wrong = fileInputs(form).filter((input) => !checkField(input, t));
      if (!wrong.length) return;
      event.preventDefault();
      wrong[0]?.focus();
    },
    { signal, capture: true },
  );
  // Last: when nothing else stopped it, the form goes with its files by XMLHttpRequest.
  form.addEventListener(
    "submit",
    (event) => {
      if (event.defaultPrevented) return;
      const inputs = fileInputs(form);
      const chosen = inputs.flatMap((input) => Array.from(input.files ?? []));
      // Nothing to upload: the form goes as it would without this script.
      if (!chosen.length) return;
      event.preventDefault();
      if (sending) return;
      say(null);
      if (navigator.onLine === false) {
        say(t("files.upload.lost"));
        return;
      }
      const submitter = (event as SubmitEvent).submitter;
      const body = new FormData(form);
      if (submitter instanceof HTMLButtonElement && submitter.name) body.append(submitter.name, submitter.value);
      send(body, chosen, inputs);
    },
    { signal },
  );

  function send(body: FormData, chosen: File[], inputs: HTMLInputElement[]) {
    for (const button of buttons()) {
      button.disabled = true;
      button.textContent = t("form.submitting");
    }
    // One bar per file, under the last file field; the bytes are shared out in the order the
    // files go in the body.
    progress = make("div", { class: "upload-progress", role: "status" });
    progress.append(make("p", {}, t("files.upload.sending")));
    const list = make("ul", {});
    const bars = chosen.map((file, i) => {
      const id = `${form.id || "upload"}-progress-${i}`;
      const item = make("li", {});
      const bar = make("progress", { id, max: "100", value: "0" }, "0%") as HTMLProgressElement;
      item.append(make("label", { for: id }, file.name), bar);
      list.append(item);
      return bar;
    });
    progress.append(list);
    const last = inputs[inputs.length - 1];
    (last?.closest(".field") ?? last ?? form.lastElementChild)?.after(progress);
    const sizes = chosen.map((file) => file.size);
    const fileBytes = sizes.reduce((a, b) => a + b, 0) || 1;

    const xhr = new XMLHttpRequest();
    sending = xhr;
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      let sent = (e.loaded / e.total) * fileBytes;
      bars.forEach((bar, i) => {
        const size = sizes[i] ?? 0;
        const part = size ? Math.max(0, Math.min(1, sent / size)) : 1;
        sent -= size;
        const percent = Math.round(part * 100);
        bar.value = percent;
        bar.textContent = `${percent}%`;
      });
    });
    xhr.addEventListener("load", () => answered(xhr, inputs));
    const lost = () => {
      finish();
      say(t("files.upload.lost"));
    };
    xhr.addEventListener("error", lost);
    xhr.addEventListener("timeout", lost);
    xhr.send(body);
  }

  function answered(xhr: XMLHttpRequest, inputs: HTMLInputElement[]) {
    const url = new URL(xhr.responseURL || form.action, location.href);
    if (xhr.status > 0 && xhr.status < 400) {
      // An upload's outcome comes back as `?files=`: a refusal is shown here, files kept.
      const outcome = url.searchParams.get("files");
      if (REFUSALS.includes(outcome as Refusal)) {
        finish();
        const input = inputs[0];
        if (input) showBeside(input, [refusalText(t, outcome as Refusal, url.searchParams.get("file"))]);
        input?.focus();
        return;
      }
      // Done: the page the server sent us to, as a plain form post would have opened it.
      if (form.hasAttribute("data-upload-form")) url.hash = "files";
      location.assign(url.href);
      return;
    }
    finish();
    const type = xhr.getResponseHeader("Content-Type") ?? "";
    if (!type.startsWith("text/html")) {
      say(type.startsWith("text/plain") && xhr.responseText.length < 500 ? xhr.responseText : t("files.upload.failed"));
      return;
    }
    if (!transplant(new DOMParser().parseFromString(xhr.responseText, "text/html"))) say(t("files.upload.failed"));
  }

  /**
   * The server sent the page back with its errors: they are copied beside this page's fields
   * (each list by its id), and its notice above the form, so that nothing typed or chosen is
   * lost. False when the answer held nothing to show.
   */
  function transplant(answer: Document) {
    let shown = false;
    const sameForm = form.id ? answer.getElementById(form.id) : null;
    for (const list of Array.from((sameForm ?? answer).querySelectorAll<HTMLElement>(".errors[id$='-error']"))) {
      const input = document.getElementById(list.id.slice(0, -"-error".length));
      if (!(input instanceof HTMLElement) || !form.contains(input)) continue;
      // Under the same id as the server gave it, as if the page had come back (the field's own
      // check, if any, is about the choice the server has just judged).
      if (input instanceof HTMLInputElement && input.type === "file") showBeside(input, []);
      putList(
        input,
        list.id,
        Array.from(list.children).map((p) => p.textContent ?? ""),
      );
      shown = true;
    }
    const first = form.querySelector<HTMLElement>("[aria-invalid='true']");
    const answerNotice = answer.querySelector("[data-form-notice]") ?? (shown ? null : answer.querySelector("main .notice.error"));
    if (answerNotice?.textContent) {
      say(answerNotice.textContent);
      shown = true;
    }
    first?.focus();
    return shown;
  }

  return () => {
    controller.abort();
    sending?.abort();
    form.removeAttribute(INSTALLED);
  };
}

/** Every form on the page that takes files. */
export function installAllUploads(t: Translate) {
  for (const form of Array.from(document.forms)) if (fileInputs(form).length) installUploads(form, t);
}
