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
  await context.close();
});
