// A draft of a form kept on the device (localStorage) while someone types, so a reload, a
// lost connection or a closed tab loses nothing. Browser-only helpers; nothing here runs
// without JavaScript, and a device without storage simply keeps no draft.

/** The form's fields as name/value pairs, in order (a multiple select gives several). */
export type Draft = Array<[string, string]>;

export function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return Array.isArray(draft) && draft.some(([, v]) => v.trim() !== "") ? draft : null;
  } catch {
    return null;
  }
}

/** Returns whether the draft was stored (storage may be full or disabled). */
export function writeDraft(key: string, draft: Draft): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function fields(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter(
    (e): e is Field =>
      (e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement) &&
      e.name !== "" &&
      // Chosen files cannot be kept or put back by a script: a file field is no part of a draft.
      !(e instanceof HTMLInputElement && (e.type === "hidden" || e.type === "file")),
  );
}

/** What the form holds now, without the fields named in `skip`. */
export function formDraft(form: HTMLFormElement, skip: readonly string[]): Draft {
  return Array.from(new FormData(form)).flatMap(([name, value]) =>
    typeof value === "string" && !skip.includes(name) ? [[name, value] as [string, string]] : [],
  );
}

export function fillForm(form: HTMLFormElement, draft: Draft) {
  const values = new Map<string, string[]>();
  for (const [name, value] of draft) values.set(name, [...(values.get(name) ?? []), value]);
  for (const element of fields(form)) {
    const saved = values.get(element.name) ?? [];
    if (element instanceof HTMLInputElement && element.type === "checkbox") element.checked = saved.includes(element.value);
    else if (element instanceof HTMLSelectElement && element.multiple)
      for (const option of Array.from(element.options)) option.selected = saved.includes(option.value);
    else element.value = saved[0] ?? "";
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/** Whether a field differs from what the page was served with. */
export function isChanged(element: Field) {
  if (element instanceof HTMLInputElement)
    return element.type === "checkbox" ? element.checked !== element.defaultChecked : element.value !== element.defaultValue;
  if (element instanceof HTMLTextAreaElement) return element.value !== element.defaultValue;
  if (element.multiple) return Array.from(element.options).some((o) => o.selected !== o.defaultSelected);
  // A single select with no option marked selected shows its first one: that is not a choice.
  let served = 0;
  Array.from(element.options).forEach((option, index) => {
    if (option.defaultSelected) served = index;
  });
  return element.selectedIndex !== served;
}

/** Whether anything in the form differs from what the page was served with. */
export function isDirty(form: HTMLFormElement) {
  return fields(form).some(isChanged);
}
