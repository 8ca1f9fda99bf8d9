import { test as base, type Page } from "@playwright/test";
import { PageRecorder } from "./page-checks";

export { expect } from "@playwright/test";

/** Playwright's `test`, recording every page the test visits for the page checks (page-checks.ts). */
export const test = base.extend<{ _recordPages: void }>({
  _recordPages: [
    async ({ browser }, use, testInfo) => {
      const recorder = new PageRecorder(testInfo);
      const detach = recorder.attach(browser);
      await use();
      detach();
      await recorder.finish();
    },
    { auto: true },
  ],
});

let counter = 0;

/** A valid EDRPOU with the official check digit, different on every call. */
export function freshEdrpou() {
  counter += 1;
  const first7 = String(2_000_000 + (((Date.now() % 1_000_000) * 7 + counter * 131) % 7_000_000)).padStart(7, "0");
  const digits = Array.from(first7, Number);
  const value = Number(first7) * 10;
  const base = value < 30_000_000 || value > 60_000_000 ? [1, 2, 3, 4, 5, 6, 7] : [7, 1, 2, 3, 4, 5, 6];
  const rem = (w: number[]) => w.reduce((s, wi, i) => s + wi * digits[i]!, 0) % 11;
  let check = rem(base);
  if (check === 10) check = rem(base.map((w) => w + 2)) % 10;
  return `${first7}${check}`;
}

export type IntakeValues = { enterpriseName: string; edrpou: string; title: string; description: string; naceClass: string };

/** Fills the intake form as a person would (labels, not field names). */
export async function fillIntake(page: Page, values: Partial<IntakeValues> = {}) {
  const v: IntakeValues = {
    enterpriseName: "ТОВ «Світанок Метал» (демо)",
    edrpou: freshEdrpou(),
    title: "Потрібен листовий прокат",
    description: "Цех працює, але закінчується сталевий лист 3 мм. Потрібно 20 тонн до кінця місяця.",
    naceClass: "",
    ...values,
  };
  await page.getByLabel("Назва підприємства").fill(v.enterpriseName);
  await page.getByLabel("Код ЄДРПОУ").fill(v.edrpou);
  await page.getByLabel("Контактна особа").fill("Олена Коваленко");
  await page.getByLabel("Телефон").fill("067 123 45 67");
  await page.getByLabel("Електронна пошта").fill("olena@enterprise.example");
  await page.getByLabel("Область").selectOption("UA-63");
  await page.getByLabel("Населений пункт").fill("Харків");
  await page.getByLabel("Галузь").selectOption("C");
  if (v.naceClass) await page.getByLabel("Основний вид діяльності за КВЕД").fill(v.naceClass);
  await page.getByLabel("Категорія").selectOption("SUPPLIES");
  await page.getByLabel("Терміновість").selectOption("HIGH");
  await page.getByLabel("Коротко: що потрібно").fill(v.title);
  await page.getByLabel("Опис", { exact: false }).first().fill(v.description);
  await page.getByLabel("Що потрібно і скільки").fill("Лист сталевий 3 мм — 20 т");
  await page.getByLabel(/Я погоджуюся/).check();
  return v;
}

export const DEMO_PASSWORD = "demo-password-2026";

/** Signs the browser context in through the login endpoint (no clicking through the form). */
export async function signIn(context: import("@playwright/test").BrowserContext, email: string) {
  const response = await context.request.post("/login", {
    form: { email, password: DEMO_PASSWORD, redirectTo: "/queue" },
    maxRedirects: 0,
  });
  if (response.status() !== 303) throw new Error(`sign-in as ${email} failed: ${response.status()}`);
}
