import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, fillIntake, signIn, test } from "./fixtures";

/** The text of a PDF, as Debian's poppler-utils reads it (.ci/run installs them). */
function pdfText(pdf: Buffer, ...args: string[]) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "rrc-print-")), "request.pdf");
  writeFileSync(file, pdf);
  return {
    text: execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8" }),
    info: execFileSync("pdfinfo", [file], { encoding: "utf8" }),
  };
}

test("one request prints on A4 with its details and history, and without navigation or buttons", async ({ browser }) => {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { enterpriseName: "ТОВ «Друкарня Поділля» (демо)", title: "Потрібен папір для друку" });
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  await enterprise.close();

  const context = await browser.newContext();
  await signIn(context, "coordinator@rrc.example");
  const page = await context.newPage();
  await page.goto(`/requests/${reference}`);
  const message = page.locator("details", { has: page.locator("summary", { hasText: "Написати підприємству" }) });
  await message.locator("summary").click();
  await message.getByLabel("Повідомлення").fill("Дякуємо, шукаємо постачальника паперу.");
  await message.getByRole("button", { name: "Написати підприємству" }).click();
  await expect(page).toHaveURL(/done=publicMessage/);
  const note = page.locator("details", { has: page.locator("summary", { hasText: "Додати внутрішню нотатку" }) });
  await note.locator("summary").click();
  await note.getByLabel("Повідомлення").fill("Внутрішнє: не для друку.");
  await note.getByRole("button", { name: "Додати внутрішню нотатку" }).click();
  await expect(page).toHaveURL(/done=note/);

  await page.getByRole("link", { name: "Версія для друку" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${reference}/print$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${reference}: Потрібен папір для друку`);

  const { text, info } = pdfText(await page.pdf({ format: "A4" }), "-layout");
  expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
  const flat = text.replace(/\s+/g, " ");
  expect(flat).toContain(`${reference}: Потрібен папір для друку`);
  expect(flat).toContain("ТОВ «Друкарня Поділля» (демо)");
  expect(flat).toContain("Запит подано");
  expect(flat).toContain("Дякуємо, шукаємо постачальника паперу.");
  expect(flat).toContain("Внутрішня нотатка");
  expect(flat).not.toContain("Внутрішнє: не для друку.");
  // Nothing of the site's navigation, the screen-only links, forms or buttons.
  for (const absent of ["Черга", "Звіти", "Вийти", "English", "До запиту", "Версія для друку", "Ctrl+P"]) {
    expect(flat).not.toContain(absent);
  }
  await expect(page.locator("button, nav, form, header.site, footer.site")).toHaveCount(0);

  // With internal notes, when asked for.
  // The print page is plain HTML: the click starts a full page load, which must end before printing.
  await page.getByRole("link", { name: "З внутрішніми нотатками й подіями" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${reference}/print\\?full=1$`));
  await expect(page.getByText("Внутрішнє: не для друку.")).toBeVisible();
  const full = pdfText(await page.pdf({ format: "A4" })).text.replace(/\s+/g, " ");
  expect(full).toContain("Внутрішнє: не для друку.");
  expect(full).toContain("Включно з внутрішніми нотатками");
  await context.close();
});
