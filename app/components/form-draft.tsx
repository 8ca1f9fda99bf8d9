// Keeps a draft of a form on the device (localStorage) while someone types, and offers it back
// after a reload, a lost connection or a closed tab. Nothing here runs without JavaScript.
import { useEffect, useRef, useState } from "react";
import { useLocale } from "~/i18n/use-locale";

type Draft = Array<[string, string]>;

function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return Array.isArray(draft) && draft.some(([, v]) => v.trim() !== "") ? draft : null;
  } catch {
    return null;
  }
}

export function clearDraft(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

function fillForm(form: HTMLFormElement, draft: Draft) {
  const values = new Map<string, string[]>();
  for (const [name, value] of draft) values.set(name, [...(values.get(name) ?? []), value]);
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) continue;
    if (!element.name || (element instanceof HTMLInputElement && element.type === "hidden")) continue;
    const saved = values.get(element.name) ?? [];
    if (element instanceof HTMLInputElement && element.type === "checkbox") element.checked = saved.includes(element.value);
    else if (element instanceof HTMLSelectElement && element.multiple)
      for (const option of Array.from(element.options)) option.selected = saved.includes(option.value);
    else element.value = saved[0] ?? "";
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/** Whether anything in the form differs from what the page was served with. */
function isDirty(form: HTMLFormElement) {
  return Array.from(form.elements).some((element) => {
    if (element instanceof HTMLInputElement) {
      if (element.type === "hidden") return false;
      return element.type === "checkbox" ? element.checked !== element.defaultChecked : element.value !== element.defaultValue;
    }
    if (element instanceof HTMLTextAreaElement) return element.value !== element.defaultValue;
    if (element instanceof HTMLSelectElement) return Array.from(element.options).some((o) => o.selected !== o.defaultSelected);
    return false;
  });
}

/**
 * Saves the form on every change; if a draft exists when the page opens and the form came
 * back empty (not a server reply with values), shows a bar to restore or discard it.
 */
export function FormDraft({ formId, storageKey, skipFields = [] }: { formId: string; storageKey: string; skipFields?: string[] }) {
  const { t } = useLocale();
  const [offer, setOffer] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const current = (): Draft =>
      Array.from(new FormData(form)).flatMap(([name, value]) =>
        typeof value === "string" && !skipFields.includes(name) ? [[name, value] as [string, string]] : [],
      );
    // Offer the draft only when it differs from what the form shows now (the browser or a
    // server reply may already have put the same values back).
    const draft = readDraft(storageKey);
    if (draft && JSON.stringify(draft) !== JSON.stringify(current())) setOffer(draft);

    const save = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        try {
          window.localStorage.setItem(storageKey, JSON.stringify(current()));
          setSaved(true);
        } catch {
          /* storage full or disabled: the form still works */
        }
      }, 300);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    // On a slow connection people start typing before the script arrives: keep that too.
    if (!draft && isDirty(form)) save();
    return () => {
      form.removeEventListener("input", save);
      form.removeEventListener("change", save);
      clearTimeout(timer.current);
    };
  }, [formId, storageKey, skipFields]);

  if (offer) {
    return (
      <div className="notice warn draft-bar" role="status">
        <span>{t("form.draftFound")}</span>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const form = document.getElementById(formId) as HTMLFormElement | null;
            if (form) fillForm(form, offer);
            setOffer(null);
          }}
        >
          {t("form.draftRestore")}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            clearDraft(storageKey);
            setOffer(null);
          }}
        >
          {t("form.draftDiscard")}
        </button>
      </div>
    );
  }
  return saved ? (
    <p className="hint" role="status" aria-live="polite">
      {t("form.draftSaved")}
    </p>
  ) : null;
}
