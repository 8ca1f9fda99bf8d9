// Documents attached where people write: filing a request on the intake form (one multipart
// form, with and without JavaScript), all or nothing, with the reason beside the file field.
import { expect, fillIntake, signIn, test } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const CSV = Buffer.from("назва;кількість\nлист 3 мм;20\n", "utf8");
/** An executable's first bytes, named as a PDF: only the server's check by content can tell. */
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62, 0)]);

for (const javaScriptEnabled of [true, false]) {
  test.describe(`filing with documents, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("documents chosen on the form arrive with the request and are on its status page", async ({ page }) => {
      await page.goto("/requests/new");
      const values = await fillIntake(page);
      const field = page.getByLabel("Документи (за бажанням)");
      await expect(page.getByText(/без JavaScript браузер не зберігає вибрані файли/)).toBeVisible();
      await expect(page.getByText(/Чернетка на пристрої теж зберігає лише текст, не файли/)).toBeVisible();
      await field.setInputFiles([
        { name: "Перелік обладнання.pdf", mimeType: "application/pdf", buffer: PDF },
        { name: "позиції.csv", mimeType: "text/csv", buffer: CSV },
      ]);
      await page.getByRole("button", { name: "Надіслати запит" }).click();
      await expect(page.getByRole("heading", { name: "Запит прийнято" })).toBeVisible();
      const link = (await page.getByTestId("status-link").textContent())!.trim();

      await page.goto(link);
      await expect(page.getByText(values.title)).toBeVisible();
      const files = page.getByTestId("request-file");
      await expect(files).toHaveCount(2);
      await expect(files.nth(0)).toContainText("Перелік обладнання.pdf");
      await expect(files.nth(0)).toContainText("PDF");
      await expect(files.nth(0)).toContainText("підприємство");
      await expect(files.nth(1)).toContainText("позиції.csv");
    });

    test("a file refused by its content refuses the filing, says why beside the file field and keeps everything typed", async ({ page }) => {
      await page.goto("/requests/new");
      const values = await fillIntake(page);
      await page.getByLabel("Документи (за бажанням)").setInputFiles([{ name: "кошторис.pdf", mimeType: "application/pdf", buffer: EXE }]);
      await page.getByRole("button", { name: "Надіслати запит" }).click();

      const field = page.getByLabel("Документи (за бажанням)");
      await expect(field).toHaveAttribute("aria-invalid", "true");
      const error = page.locator("#intake-file-error");
      await expect(error).toContainText("Файл «кошторис.pdf»: такий тип файлу не приймається");
      expect(await field.getAttribute("aria-describedby")).toContain("intake-file-error");
      // Nothing typed is lost; no request was filed.
      await expect(page.getByRole("heading", { name: "Запит прийнято" })).toHaveCount(0);
      await expect(page.getByLabel("Коротко: що потрібно")).toHaveValue(values.title);
      await expect(page.getByLabel("Код ЄДРПОУ")).toHaveValue(values.edrpou);
      await expect(page.getByLabel("Що потрібно і скільки")).toHaveValue("Лист сталевий 3 мм — 20 т");
      await expect(page.getByLabel(/Я погоджуюся/)).toBeChecked();

      // Choosing a good file and sending again files it.
      await field.setInputFiles([{ name: "кошторис.pdf", mimeType: "application/pdf", buffer: PDF }]);
      await page.getByRole("button", { name: "Надіслати запит" }).click();
      await expect(page.getByRole("heading", { name: "Запит прийнято" })).toBeVisible();
    });
  });
}

test.describe("the intake's draft, JavaScript on", () => {
  test("choosing files is no part of the draft kept on the device", async ({ page }) => {
    await page.goto("/requests/new");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Коротко: що потрібно").fill("Потрібен листовий прокат");
    await page.getByLabel("Коротко: що потрібно").blur();
    await expect(page.getByText("Чернетку збережено на цьому пристрої.")).toBeVisible();
    const draft = await page.evaluate(() => localStorage.getItem("rrc:intake-draft"));
    await page.getByLabel("Документи (за бажанням)").setInputFiles([{ name: "акт.pdf", mimeType: "application/pdf", buffer: PDF }]);
    await page.waitForTimeout(500);
    // The draft holds the same text as before: no trace of the file.
    expect(await page.evaluate(() => localStorage.getItem("rrc:intake-draft"))).toBe(draft);
    expect(draft).not.toContain("акт.pdf");
  });
});

/** Files a request through the form and returns its private link and reference. */
async function fileOne(page: import("@playwright/test").Page) {
  await page.goto("/requests/new");
  await fillIntake(page);
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  await expect(page.getByRole("heading", { name: "Запит прийнято" })).toBeVisible();
  return {
    link: (await page.getByTestId("status-link").textContent())!.trim(),
    reference: (await page.getByTestId("reference").textContent())!.trim(),
  };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`documents with a message, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the enterprise's message carries its files, shown under it; a refused file keeps the text", async ({ page }) => {
      const { link } = await fileOne(page);
      await page.goto(link);
      await page.getByLabel("Повідомлення").fill("Додаємо кошторис.");
      await page.getByLabel("Прикріпити документи (за бажанням)").setInputFiles([{ name: "кошторис.pdf", mimeType: "application/pdf", buffer: EXE }]);
      await page.getByRole("button", { name: "Надіслати", exact: true }).click();
      await expect(page.locator("#enterprise-message-file-error")).toContainText("Файл «кошторис.pdf»: такий тип файлу не приймається");
      await expect(page.getByLabel("Повідомлення")).toHaveValue("Додаємо кошторис.");
      await expect(page.locator("ol.timeline")).not.toContainText("Додаємо кошторис.");

      await page.getByLabel("Прикріпити документи (за бажанням)").setInputFiles([{ name: "кошторис.pdf", mimeType: "application/pdf", buffer: PDF }]);
      await page.getByRole("button", { name: "Надіслати", exact: true }).click();
      await expect(page.getByText("Повідомлення додано.")).toBeVisible();
      const entry = page.locator("ol.timeline li", { hasText: "Додаємо кошторис." });
      await expect(entry.getByTestId("event-file")).toHaveCount(1);
      await expect(entry.getByTestId("event-file")).toContainText("кошторис.pdf");
      await expect(entry.getByTestId("event-file")).toContainText("підприємство");
    });

    test("staff's message to the enterprise and their note carry files; the note's never reach the enterprise", async ({ page, context, browser }) => {
      const { link, reference } = await fileOne(page);
      await signIn(context, "coordinator@rrc.example");
      await page.goto(`/requests/${reference}`);
      const write = page.locator("details", { has: page.locator("summary", { hasText: "Написати підприємству" }) });
      await write.locator("summary").click();
      await write.getByLabel("Повідомлення").fill("Надсилаємо проєкт договору.");
      await write.getByLabel("Прикріпити документи (за бажанням)").setInputFiles([{ name: "Договір.pdf", mimeType: "application/pdf", buffer: PDF }]);
      await write.getByRole("button", { name: "Написати підприємству" }).click();
      await expect(page.locator("ol.timeline li", { hasText: "Надсилаємо проєкт договору." }).getByTestId("event-file")).toContainText("Договір.pdf");

      const note = page.locator("details", { has: page.locator("summary", { hasText: "Додати внутрішню нотатку" }) });
      await note.locator("summary").click();
      await note.getByLabel("Повідомлення").fill("Наш внутрішній розрахунок.");
      await note.getByLabel("Прикріпити документи (за бажанням)").setInputFiles([{ name: "розрахунок.csv", mimeType: "text/csv", buffer: CSV }]);
      await note.getByRole("button", { name: "Додати внутрішню нотатку" }).click();
      const noteEntry = page.locator("ol.timeline li", { hasText: "Наш внутрішній розрахунок." });
      await expect(noteEntry.getByTestId("event-file")).toContainText("розрахунок.csv");
      await expect(noteEntry.getByTestId("event-file")).toContainText("лише для Центру і кластера");

      // The enterprise, in a browser of its own: the message's file under the message, the note's nowhere.
      const enterprise = await browser.newContext({ javaScriptEnabled, locale: "uk-UA", timezoneId: "Europe/Kyiv" });
      const its = await enterprise.newPage();
      await its.goto(link);
      await expect(its.locator("ol.timeline li", { hasText: "Надсилаємо проєкт договору." }).getByTestId("event-file")).toContainText("Договір.pdf");
      await expect(its.getByText("розрахунок.csv")).toHaveCount(0);
      await expect(its.getByText("Наш внутрішній розрахунок.")).toHaveCount(0);
      await enterprise.close();
    });
  });
}
