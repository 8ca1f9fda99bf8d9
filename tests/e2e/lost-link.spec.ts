import { expect, fillIntake, test } from "./fixtures";
import { deliverMail, linksIn, mailsTo } from "./mail";

test("an enterprise that lost its link gets a new one by e-mail, and the old one stops working (no JavaScript)", async ({ browser }) => {
  const since = Date.now();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/requests/new");
  await fillIntake(page, { title: "Запит, посилання на який загубили" });
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  const oldLink = (await page.getByTestId("status-link").textContent())!.trim();

  // A wrong e-mail gets the same answer as the right one, and changes nothing.
  await page.goto("/");
  await page.getByRole("link", { name: "Втратили посилання? Отримати нове" }).click();
  await expect(page.getByRole("heading", { name: "Втратили посилання на запит?" })).toBeVisible();
  await page.getByLabel("Номер запиту").fill(reference);
  await page.getByLabel("Електронна пошта, вказана в запиті").fill("someone.else@enterprise.example");
  await page.getByRole("button", { name: "Надіслати нове посилання" }).click();
  const sent = page.getByRole("status");
  await expect(sent).toContainText("Якщо номер і пошта збігаються з поданим запитом, нове посилання вже надіслано");
  const answerToWrongEmail = await sent.textContent();
  await page.goto(oldLink);
  await expect(page.getByRole("heading", { name: /^Запит RRC-/ })).toBeVisible();

  // The right details, typed carelessly.
  await page.goto("/s/lost");
  await page.getByLabel("Номер запиту").fill(` ${reference.toLowerCase()} `);
  await page.getByLabel("Електронна пошта, вказана в запиті").fill("OLENA@enterprise.example");
  await page.getByRole("button", { name: "Надіслати нове посилання" }).click();
  await expect(page.getByRole("status")).toHaveText(answerToWrongEmail!);

  const response = await page.goto(oldLink);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Запит не знайдено" })).toBeVisible();

  await deliverMail(browser);
  const [mail, ...others] = await mailsTo("olena@enterprise.example", `[${reference}] Нове посилання на сторінку запиту`, since);
  expect(others).toEqual([]);
  expect(mail!.text).toContain("Попереднє посилання більше не відкриває сторінку запиту");
  const newLink = linksIn(mail!).find((url) => url.pathname.startsWith("/s/") && url.pathname !== "/s/lost")!;
  await page.goto(newLink.pathname);
  await expect(page.getByRole("heading", { name: `Запит ${reference}` })).toBeVisible();
  await expect(page.getByText("Запит, посилання на який загубили")).toBeVisible();
  await context.close();
});

test("the lost-link form shows its errors beside the fields and keeps what was typed (no JavaScript)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/s/lost");
  await page.getByLabel("Номер запиту").fill("123");
  await page.getByLabel("Електронна пошта, вказана в запиті").fill("olena@");
  await page.getByRole("button", { name: "Надіслати нове посилання" }).click();
  await expect(page.getByText("Номер запиту має вигляд RRC-2026-000123.")).toBeVisible();
  await expect(page.getByLabel("Номер запиту")).toHaveValue("123");
  await expect(page.getByLabel("Електронна пошта, вказана в запиті")).toHaveValue("olena@");
  await expect(page.getByLabel("Номер запиту")).toHaveAttribute("aria-invalid", "true");
  await context.close();
});
