// Documents with JavaScript on: a file the server would refuse by its name, size or number is
// refused in the browser before anything is sent, with the reason beside the field; a file that
// goes shows a progress bar; a refusal or a lost connection keeps what was typed and chosen.
import type { Page } from "@playwright/test";
import { expect, fillIntake, signIn, test } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
/** An executable's first bytes, named as a PDF: only the server's check by content can tell. */
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62, 0)]);

/** A PDF of `bytes` bytes (a valid start, then filler). */
const pdfOf = (bytes: number) => Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 32)]);

/** Files a request without documents; its reference and status page. */
async function fileRequest(page: Page, title: string) {
  await page.goto("/requests/new");
  await fillIntake(page, { title });
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  const statusLink = (await page.getByTestId("status-link").textContent())!.trim();
  return { reference, statusLink };
}

/** Counts the posts the page makes (uploads are posts). */
function countPosts(page: Page) {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  return posts;
}

test("the intake refuses a file in the browser by its size, type or number, before sending, and keeps everything typed", async ({ page }) => {
  await page.goto("/requests/new");
  await page.waitForLoadState("networkidle");
  const values = await fillIntake(page);
  const posts = countPosts(page);
  const field = page.getByLabel("Документи (за бажанням)");
  const check = page.locator("#intake-file-check");

  await field.setInputFiles([{ name: "креслення.pdf", mimeType: "application/pdf", buffer: pdfOf(11 * 1024 * 1024) }]);
  await expect(check).toHaveText("Файл «креслення.pdf»: файл більший за 10 МБ. Нічого не збережено.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  expect(await field.getAttribute("aria-describedby")).toContain("intake-file-check");

  await field.setInputFiles([{ name: "setup.exe", mimeType: "application/octet-stream", buffer: EXE }]);
  await expect(check).toHaveText("Файл «setup.exe»: такий тип файлу не приймається (або файл пошкоджений). Нічого не збережено.");

  await field.setInputFiles([{ name: "фото.heic", mimeType: "image/heic", buffer: PDF }]);
  await expect(check).toContainText("фото у форматі HEIC тут не вдається перетворити");

  await field.setInputFiles(Array.from({ length: 11 }, (_, i) => ({ name: `акт-${i + 1}.pdf`, mimeType: "application/pdf", buffer: PDF })));
  await expect(check).toHaveText("Забагато файлів: не більше 10 за раз. Нічого не збережено.");

  // Sending is stopped in the browser: the field is focused, nothing went, nothing typed is lost.
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  await expect(field).toBeFocused();
  expect(posts).toEqual([]);
  await expect(page.getByLabel("Коротко: що потрібно")).toHaveValue(values.title);
  await expect(page.getByLabel("Код ЄДРПОУ")).toHaveValue(values.edrpou);

  // A good choice clears the reason and files the request with its documents.
  await field.setInputFiles([{ name: "акт.pdf", mimeType: "application/pdf", buffer: PDF }]);
  await expect(check).toHaveCount(0);
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Надіслати запит" }).click();
  await expect(page.getByRole("heading", { name: "Запит прийнято" })).toBeVisible();
  await page.goto((await page.getByTestId("status-link").textContent())!.trim());
  await expect(page.getByTestId("request-file")).toHaveText([/акт\.pdf/]);
});

test("a document on the status page uploads with a progress bar, then the page says it was added", async ({ page, context }) => {
  const { statusLink } = await fileRequest(page, "Потрібні плити перекриття");
  await page.goto(statusLink);
  await page.waitForLoadState("networkidle");
  // A slow uplink (about 1 Mbit/s), so that the upload takes a few seconds.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 50, downloadThroughput: 1_000_000, uploadThroughput: 128 * 1024 });

  await page.getByLabel("Додати файли").setInputFiles({ name: "План цеху.pdf", mimeType: "application/pdf", buffer: pdfOf(600 * 1024) });
  await page.getByRole("button", { name: "Завантажити" }).click();
  const bar = page.getByRole("progressbar", { name: "План цеху.pdf" });
  await expect(bar).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Надсилаємо файли…" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Надсилаємо…" })).toBeDisabled();
  // It moves while the bytes go.
  await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 15_000 }).toBeGreaterThan(0);

  await expect(page.getByText("Файлів додано: 1.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("request-file")).toHaveText([/План цеху\.pdf/]);
  expect(new URL(page.url()).hash).toBe("#files");
  await cdp.detach();
});

test("a file the server refuses by its content is named beside the field on the status page, and the choice is kept", async ({ page }) => {
  const { statusLink } = await fileRequest(page, "Потрібен кран-балка");
  await page.goto(statusLink);
  await page.waitForLoadState("networkidle");
  const field = page.getByLabel("Додати файли");
  await field.setInputFiles({ name: "рахунок.pdf", mimeType: "application/pdf", buffer: EXE });
  // The browser cannot tell by the name: it goes, and the server's reason comes back here.
  await page.getByRole("button", { name: "Завантажити" }).click();
  await expect(page.locator("#upload-files-check")).toHaveText(
    "Файл «рахунок.pdf»: такий тип файлу не приймається (або файл пошкоджений). Нічого не збережено.",
  );
  await expect(page.getByTestId("request-file")).toHaveCount(0);
  // The page did not reload: the file is still chosen, and the button works again.
  expect(await field.evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe("рахунок.pdf");
  await expect(page.getByRole("button", { name: "Завантажити" })).toBeEnabled();
});

test("on the request page, a lost connection keeps the message typed and the files chosen, and sending again works", async ({ page, browser }) => {
  const { reference } = await fileRequest(page, "Потрібне перевезення верстатів");
  const staff = await browser.newContext();
  await signIn(staff, "coordinator@rrc.example");
  const requestPage = await staff.newPage();
  await requestPage.goto(`/requests/${reference}`);
  await requestPage.waitForLoadState("networkidle");

  // The documents panel: refused in the browser by size, then sent with a bar.
  const upload = requestPage.locator("#upload-files");
  await upload.setInputFiles({ name: "великий.pdf", mimeType: "application/pdf", buffer: pdfOf(10 * 1024 * 1024 + 1) });
  await expect(requestPage.locator("#upload-files-check")).toContainText("файл більший за 10 МБ");

  // A note with a document while the connection drops: nothing lost.
  const note = requestPage.locator("details.action").filter({ has: requestPage.locator("#action-note-file") });
  await note.locator("summary").click();
  const text = "Перевізник підтвердив дату — акт у додатку";
  await note.getByRole("textbox").fill(text);
  await requestPage.locator("#action-note-file").setInputFiles({ name: "акт перевізника.pdf", mimeType: "application/pdf", buffer: PDF });
  await requestPage.route(`**/requests/${reference}**`, (route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback(),
  );
  await note.getByRole("button").last().click();
  await expect(requestPage.getByText("З'єднання перервалося: нічого не надіслано.", { exact: false })).toBeVisible();
  await expect(note.getByRole("textbox")).toHaveValue(text);
  expect(await requestPage.locator("#action-note-file").evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe("акт перевізника.pdf");

  await requestPage.unroute(`**/requests/${reference}**`);
  await note.getByRole("button").last().click();
  await expect(requestPage.getByTestId("event-file").filter({ hasText: "акт перевізника.pdf" })).toBeVisible({ timeout: 20_000 });
  await staff.close();
});
