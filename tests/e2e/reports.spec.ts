import { createHash } from "node:crypto";
import fs from "node:fs";
import ExcelJS from "exceljs";
import { formatIsoWeek, lastCompleteIsoWeek } from "../../app/domain/sla/iso-week";
import { expect, signIn, test } from "./fixtures";

test("a coordinator downloads last week's report from /reports and it opens with the expected sheets", async ({ browser }) => {
  const context = await browser.newContext({ acceptDownloads: true });
  await signIn(context, "coordinator@rrc.example");
  const page = await context.newPage();
  await page.goto("/queue");
  await page.getByRole("link", { name: "Звіти" }).click();
  await expect(page.getByRole("heading", { name: "Тижневий звіт" })).toBeVisible();

  // The last complete week (Kyiv time) is chosen, every request with sensitive details, XLSX.
  const lastWeek = formatIsoWeek(lastCompleteIsoWeek(new Date()));
  await expect(page.getByLabel("Тиждень")).toHaveValue(lastWeek);
  await expect(page.getByLabel("Усі запити, з чутливими даними оборонних замовлень")).toBeChecked();
  await expect(page.getByLabel(/Excel \(XLSX\)/)).toBeChecked();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Завантажити звіт" }).click()]);
  expect(download.suggestedFilename()).toBe(`rrc-weekly-${lastWeek}-all.xlsx`);
  const file = await download.path();

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Зведення", "Запити", "Зміни", "Кластери"]);
  const summary = workbook.getWorksheet("Зведення")!;
  expect(summary.getRow(1).values).toEqual([undefined, "Розділ", "Показник", "Значення", "Одиниця"]);
  expect(summary.getRow(2).values).toEqual([undefined, "Звіт", "Тиждень", lastWeek]);
  const requests = workbook.getWorksheet("Запити")!;
  expect(requests.getRow(1).getCell(1).value).toBe("Номер");
  // The demo data has requests filed before last week's end.
  expect(requests.rowCount).toBeGreaterThan(1);
  expect(String(requests.getRow(2).getCell(1).value)).toMatch(/^RRC-\d{4}-\d{6}$/);
  const clusters = workbook.getWorksheet("Кластери")!;
  expect(clusters.rowCount).toBeGreaterThan(2);
  await context.close();
});

test("a cluster member downloads only their own cluster's CSV", async ({ browser }) => {
  const context = await browser.newContext({ acceptDownloads: true });
  await signIn(context, "member.kyiv-iam@rrc.example");
  const page = await context.newPage();
  await page.goto("/reports");
  await expect(page.getByText("Запити мого кластера")).toBeVisible();
  await expect(page.getByLabel("Усі запити, з чутливими даними оборонних замовлень")).toHaveCount(0);
  await page.getByLabel(/^CSV/).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Завантажити звіт" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^rrc-weekly-\d{4}-W\d{2}-cluster-kyiv-iam\.csv$/);
  // A closed week's CSV crosses the wire as its gzip copy; the browser saves the CSV itself.
  const saved = fs.readFileSync((await download.path())!);
  expect(saved.subarray(0, 3).toString("hex")).toBe("efbbbf");
  expect(saved.toString("utf8")).toContain("Номер;");
  await context.close();
});

test("an admin regenerates last week's partners' file without JavaScript; version 1 stays, marked superseded", async ({ browser }) => {
  const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled: false });
  await signIn(context, "admin@rrc.example");
  const page = await context.newPage();
  const lastWeek = formatIsoWeek(lastCompleteIsoWeek(new Date()));
  // The first download of the week's partners' CSV writes it; a second one gets the same bytes.
  const url = `/reports/download?week=${lastWeek}&format=csv&scope=partners&lang=uk`;
  const first = await page.request.get(url);
  const again = await page.request.get(url);
  // It comes as its stored gzip copy (decision 056); unpacked by the client it is the file issued,
  // whose SHA-256 the tag carries.
  expect(first.headers()["content-encoding"]).toBe("gzip");
  expect(first.headers()["etag"]).toMatch(/^"[0-9a-f]{64}\.gz"$/);
  expect(
    createHash("sha256")
      .update(await first.body())
      .digest("hex"),
  ).toBe(first.headers()["etag"]!.slice(1, 65));
  expect(Buffer.compare(await first.body(), await again.body())).toBe(0);

  await page.goto(`/admin/exports?week=${lastWeek}`);
  await expect(page.getByRole("heading", { name: "Видані звіти закритих тижнів" })).toBeVisible();
  await page
    .getByLabel("Файл *", { exact: true })
    .selectOption({ label: `rrc-weekly-${lastWeek}-partners.csv (v1) — для партнерів (без чутливих даних) · UK · CSV` });
  await page.getByRole("button", { name: "Перегенерувати" }).click();
  await expect(page.getByText("Заповніть це поле.")).toBeVisible();
  await page.getByLabel("Причина *", { exact: true }).fill("Уточнено категорії двох запитів");
  await page.getByRole("button", { name: "Перегенерувати" }).click();
  await expect(page.getByText(`Записано версію 2: rrc-weekly-${lastWeek}-partners.v2.csv.`)).toBeVisible();
  const rows = page.getByRole("row").filter({ hasText: "для партнерів" }).filter({ hasText: "CSV" });
  await expect(rows.filter({ hasText: "чинна" })).toContainText(`rrc-weekly-${lastWeek}-partners.v2.csv`);
  await expect(rows.filter({ hasText: "замінена" })).toContainText(`rrc-weekly-${lastWeek}-partners.csv`);
  // The CSV holds no time of writing: from unchanged data, version 2 has version 1's bytes.
  const regenerated = await page.request.get(url);
  expect(regenerated.status()).toBe(200);
  expect(regenerated.headers()["etag"]).toBe(first.headers()["etag"]);
  await context.close();
});
