import type { Browser } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { deliverMail, linksIn, mailsTo } from "./mail";

/** A coordinator of this test's own (the demo users' passwords stay as they are for the other tests). */
async function newCoordinator(browser: Browser, email: string, password: string) {
  const admin = await browser.newContext();
  await signIn(admin, "admin@rrc.example");
  const response = await admin.request.post("/admin/users", { form: { email, name: "Тетяна Тест", role: "COORDINATOR", password }, maxRedirects: 0 });
  await admin.close();
  expect(response.status()).toBe(303);
}

async function signInWith(browser: Browser, email: string, password: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const response = await context.request.post("/login", { form: { email, password, redirectTo: "/queue" }, maxRedirects: 0 });
  return { context, ok: response.status() === 303 };
}

for (const javaScriptEnabled of [true, false]) {
  test(`a coordinator changes their password; their other sessions end, this one stays (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const email = `changer-${javaScriptEnabled ? "js" : "nojs"}@rrc.example`;
    await newCoordinator(browser, email, "first-password-2026");
    const phone = await signInWith(browser, email, "first-password-2026");
    const laptop = await signInWith(browser, email, "first-password-2026", javaScriptEnabled);
    expect(phone.ok && laptop.ok).toBe(true);

    const page = await laptop.context.newPage();
    await page.goto("/queue");
    await page.getByRole("link", { name: "Мій обліковий запис" }).click();
    await expect(page.getByRole("heading", { name: "Мій обліковий запис" })).toBeVisible();
    await page.getByLabel("Поточний пароль").fill("not the password");
    await page.getByLabel(/^Новий пароль( \*)?$/).fill("second-password-2026");
    await page.getByLabel("Новий пароль ще раз").fill("second-password-2026");
    await page.getByRole("button", { name: "Змінити пароль" }).click();
    await expect(page.getByText("Поточний пароль неправильний.")).toBeVisible();
    // The server never sends passwords back into the form (with JavaScript the browser keeps what was typed).
    if (!javaScriptEnabled) await expect(page.getByLabel(/^Новий пароль( \*)?$/)).toHaveValue("");

    await page.getByLabel("Поточний пароль").fill("first-password-2026");
    await page.getByLabel(/^Новий пароль( \*)?$/).fill("second-password-2026");
    await page.getByLabel("Новий пароль ще раз").fill("second-password-2026");
    await page.getByRole("button", { name: "Змінити пароль" }).click();
    await expect(page.getByRole("status")).toHaveText("Пароль змінено. Інші ваші сеанси завершено (1).");

    await page.goto("/queue");
    await expect(page).toHaveURL(/\/queue$/);
    const phonePage = await phone.context.newPage();
    await phonePage.goto("/queue");
    await expect(phonePage).toHaveURL(/\/login\?redirectTo=%2Fqueue/);
    expect((await signInWith(browser, email, "first-password-2026")).ok).toBe(false);
    expect((await signInWith(browser, email, "second-password-2026")).ok).toBe(true);
    await phone.context.close();
    await laptop.context.close();
  });
}

test("a forgotten password is reset through a single-use e-mailed link (no JavaScript on its pages)", async ({ browser }) => {
  const since = Date.now();
  const email = "forgetful.e2e@rrc.example";
  await newCoordinator(browser, email, "forgotten-password-2026");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "Забули пароль?" }).click();
  await expect(page.getByRole("heading", { name: "Відновлення пароля" })).toBeVisible();
  await page.getByLabel("Електронна пошта").fill("FORGETFUL.e2e@rrc.example");
  await page.getByRole("button", { name: "Надіслати посилання" }).click();
  await expect(page.getByRole("status")).toContainText("Якщо на цю адресу зареєстровано активний обліковий запис, лист із посиланням уже надіслано.");

  await deliverMail(browser);
  const [mail] = await mailsTo(email, "Відновлення пароля", since);
  const link = linksIn(mail!).find((url) => url.pathname.startsWith("/reset-password/"))!;
  await page.goto(link.pathname);
  await expect(page.getByRole("heading", { name: "Новий пароль" })).toBeVisible();
  await page.getByLabel(/^Новий пароль( \*)?$/).fill("remembered-password-2026");
  await page.getByLabel("Новий пароль ще раз").fill("remembered-password-2026");
  await page.getByRole("button", { name: "Зберегти новий пароль" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByRole("status")).toHaveText("Пароль змінено. Увійдіть з новим паролем.");
  await page.getByLabel("Електронна пошта").fill(email);
  await page.getByLabel("Пароль").fill("remembered-password-2026");
  await page.getByRole("button", { name: "Увійти" }).click();
  await expect(page).toHaveURL(/\/queue/);

  // Used once: the same link now only offers a new one.
  const again = await page.goto(link.pathname);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Посилання недійсне" })).toBeVisible();
  await context.close();
});
