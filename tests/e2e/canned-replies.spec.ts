import type { Browser } from "@playwright/test";
import { expect, fillIntake, signIn, test } from "./fixtures";

async function fileRequest(browser: Browser, enterpriseName: string) {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { enterpriseName, title: "Потрібен прокат для ремонту цеху" });
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  await enterprise.close();
  return reference;
}

test.describe.configure({ mode: "serial" });

const NAME = { uk: "Запит обсягів (тест)", en: "Ask for volumes (test)" };

test("an admin keeps a reply template in Ukrainian and English; a typo in a placeholder is refused beside the field", async ({ browser }) => {
  const context = await browser.newContext();
  await signIn(context, "admin@rrc.example");
  const page = await context.newPage();
  await page.goto("/admin");
  await page.getByRole("link", { name: "Шаблони відповідей" }).click();
  const form = page.locator("form", { has: page.getByRole("button", { name: "Створити шаблон" }) });
  await form.getByLabel("Назва українською").fill(NAME.uk);
  await form.getByLabel("Текст українською").fill("Щодо запиту {reference} ({enterprise}): уточніть обсяги до {dueDate}. {statusLnk}");
  await form.getByLabel("Назва англійською").fill(NAME.en);
  await form.getByLabel("Текст англійською").fill("About {reference} ({enterprise}): the volumes by {dueDate}, please.");
  await form.getByRole("button", { name: "Створити шаблон" }).click();
  await expect(form.getByText("Невідома підстановка у фігурних дужках.")).toBeVisible();
  await form.getByLabel("Текст українською").fill("Щодо запиту {reference} ({enterprise}): уточніть обсяги до {dueDate}. Сторінка: {statusLink}.");
  await form.getByRole("button", { name: "Створити шаблон" }).click();
  await expect(page.getByRole("status")).toHaveText("Шаблон створено.");
  await expect(page.getByRole("link", { name: NAME.uk })).toBeVisible();
  await context.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator inserts the template into a message after what they typed, filled from the request, and sends it (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const enterpriseName = `ТОВ «Шаблон ${javaScriptEnabled ? "А" : "Б"}» (демо)`;
    const reference = await fileRequest(browser, enterpriseName);
    const context = await browser.newContext({ javaScriptEnabled });
    await signIn(context, "coordinator@rrc.example");
    const page = await context.newPage();
    await page.goto(`/requests/${reference}`);
    const message = page.locator("details", { has: page.locator("summary", { hasText: "Написати підприємству" }) });
    await message.locator("summary").click();
    // The field by its role: without JavaScript its text is part of its label's text content.
    const field = message.getByRole("textbox", { name: "Повідомлення", exact: true });
    await field.fill("Добрий день!");
    if (javaScriptEnabled) await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await message.getByLabel("Шаблон відповіді").selectOption({ label: NAME.uk });
    await message.getByRole("button", { name: "Вставити" }).click();
    await expect(field).toHaveValue(
      new RegExp(`^Добрий день!\\n\\nЩодо запиту ${reference} \\(${enterpriseName.replace(/[()]/g, "\\$&")}\\): уточніть обсяги до \\d`),
    );
    await expect(field).toHaveValue(/Сторінка: особисте посилання з листа «Запит отримано»\.$/);
    if (javaScriptEnabled) {
      // Filled in place: the same page, and the field takes more typing at its end.
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      await field.press("Control+End");
      await field.pressSequentially(" Дякуємо.");
      await expect(field).toHaveValue(/«Запит отримано»\. Дякуємо\.$/);
    }
    await message.getByRole("button", { name: "Написати підприємству" }).click();
    await expect(page).toHaveURL(/done=publicMessage/);
    await expect(page.locator("ol.timeline")).toContainText(`Добрий день!`);
    await expect(page.locator("ol.timeline")).toContainText(`Щодо запиту ${reference}`);
    await context.close();
  });
}
