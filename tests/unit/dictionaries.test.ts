// A translator works in app/i18n/messages/ only (decision 044): each area file holds Ukrainian and
// English side by side. An English reader must never meet a missing text (shown as its key), an
// empty one, or a text that drops a fact the Ukrainian one gives ({title}, {due}...).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mailMessages } from "~/i18n/mail-messages.server";
import { publicMessages } from "~/i18n/messages";
import { staffMessages } from "~/i18n/staff-messages";

type Dictionaries = { uk: Record<string, string>; en: Record<string, string> };

const AREAS_DIR = path.resolve("app/i18n/messages");

/** Every area file's dictionaries (an exported { uk, en }), by file name. */
async function areas() {
  const found: [string, Dictionaries][] = [];
  for (const file of fs.readdirSync(AREAS_DIR).filter((name) => name.endsWith(".ts"))) {
    const module: Record<string, unknown> = await import(path.join(AREAS_DIR, file));
    for (const value of Object.values(module)) {
      if (value && typeof value === "object" && "uk" in value && "en" in value) found.push([file, value as Dictionaries]);
    }
  }
  return found;
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

const whole: [string, Dictionaries][] = [
  ["public", publicMessages],
  ["staff", staffMessages],
  ["mail", mailMessages],
];

describe("the dictionaries", () => {
  it("have the same keys in Ukrainian and English, and no empty text, in every area and as assembled", async () => {
    const all = [...(await areas()), ...whole];
    expect(all.length).toBeGreaterThan(whole.length);
    for (const [name, { uk, en }] of all) {
      expect(Object.keys(en).sort(), name).toEqual(Object.keys(uk).sort());
      const empty = Object.entries({ ...uk, ...en }).filter(([, text]) => typeof text !== "string" || !text.trim());
      expect(empty, name).toEqual([]);
    }
  });

  it("fill in the same facts in both languages", () => {
    for (const [name, { uk, en }] of whole) {
      const differing = Object.keys(uk).filter((key) => placeholders(uk[key]!).join() !== placeholders(en[key]!).join());
      expect(differing, name).toEqual([]);
    }
  });

  it("send no e-mail text to a browser: the public and staff strings hold none of it", () => {
    const mailKeys = Object.keys(mailMessages.uk);
    expect(mailKeys.length).toBeGreaterThan(50);
    for (const shipped of [publicMessages.uk, staffMessages.uk]) expect(mailKeys.filter((key) => key in shipped)).toEqual([]);
  });

  it("give each key one meaning: no key is written in two areas", async () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, { uk }] of await areas()) {
      for (const key of Object.keys(uk)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${file})`);
        seen.set(key, file);
      }
    }
    expect(twice).toEqual([]);
  });
});
