import { describe, expect, it } from "vitest";
import { fillReply, unknownPlaceholders, withReply } from "~/domain/notifications/reply-templates";

const facts = { reference: "RRC-2026-000123", enterpriseName: "ТОВ «Світанок $& {dueDate}»", nextDueAt: new Date("2026-07-01T09:30:00Z") };

describe("filling a reply template", () => {
  it("fills every placeholder in the template's language, Kyiv time", () => {
    const body = "Запит {reference} ({enterprise}) буде розглянуто до {dueDate}. Сторінка: {statusLink}.";
    expect(fillReply(body, "uk", facts)).toBe(
      "Запит RRC-2026-000123 (ТОВ «Світанок $& {dueDate}») буде розглянуто до 1 лип. 2026 р., 12:30. Сторінка: особисте посилання з листа «Запит отримано».",
    );
    expect(fillReply("Due {dueDate}; page: {statusLink}", "en", facts)).toBe("Due 1 Jul 2026, 12:30; page: the private link in the “Request received” email");
  });

  it("says plainly when no deadline runs, and leaves other braces as written", () => {
    expect(fillReply("до {dueDate}", "uk", { ...facts, nextDueAt: null })).toBe("до [строк не встановлено]");
    expect(fillReply("by {dueDate}", "en", { ...facts, nextDueAt: null })).toBe("by [no due date]");
    expect(fillReply("{ reference } {Reference} {{reference}}", "uk", facts)).toBe("{ reference } {Reference} {RRC-2026-000123}");
  });

  it("names the unknown placeholders an admin typed, each once", () => {
    expect(unknownPlaceholders("{reference} {referense} {dueDate} {referense} {date}")).toEqual(["referense", "date"]);
    // A Cyrillic "е" in a Latin name, or a name in Ukrainian.
    expect(unknownPlaceholders("{rеference} {дата}")).toEqual(["rеference", "дата"]);
    expect(unknownPlaceholders("{reference}, {enterprise}, {statusLink}, {dueDate}; { not one }")).toEqual([]);
  });

  it("goes after what was typed, with a blank line between", () => {
    expect(withReply("", "Текст")).toBe("Текст");
    expect(withReply("Добрий день.\n\n", "Текст")).toBe("Добрий день.\n\nТекст");
  });
});
