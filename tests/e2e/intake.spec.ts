import { expect, fillIntake, freshEdrpou, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`an enterprise with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("files a request, keeps the private link, follows it and adds a message", async ({ page }) => {
      await page.goto("/requests/new");
      await expect(page.getByRole("heading", { name: "Новий запит" })).toBeVisible();
      const values = await fillIntake(page, { naceClass: "3101" });
      await page.getByRole("button", { name: "Надіслати запит" }).click();

      await expect(page.getByRole("heading", { name: "Запит прийнято" })).toBeVisible();
      const reference = (await page.getByTestId("reference").textContent())!.trim();
      expect(reference).toMatch(/^RRC-\d{4}-\d{6}$/);
      const link = (await page.getByTestId("status-link").textContent())!.trim();
      expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
      await expect(page.getByText("Збережіть це посилання")).toBeVisible();

      await page.goto(link);
      await expect(page.getByRole("heading", { name: `Запит ${reference}` })).toBeVisible();
      await expect(page.getByText(values.title)).toBeVisible();
      await expect(page.getByText("Отримано, чекає на розгляд")).toBeVisible();
      await expect(page.getByText(/Координатор має розглянути запит до/)).toBeVisible();
      await expect(page.getByText("Запит подано")).toBeVisible();
      // The industry as given, the class code as the register writes it, by its name.
      await expect(page.locator("dl.facts")).toContainText("C — Переробна промисловість · 31.01, Виробництво меблів");

      await page.getByLabel("Повідомлення").fill("Додаємо: підійде і лист 4 мм.");
      await page.getByRole("button", { name: "Надіслати", exact: true }).click();
      await expect(page.getByText("Повідомлення додано.")).toBeVisible();
      await expect(page.locator("ol.timeline")).toContainText("Додаємо: підійде і лист 4 мм.");
      await expect(page.locator("ol.timeline")).toContainText("Ваше повідомлення");
    });

    test("a bad submission shows each error beside its field and keeps what was typed", async ({ page }) => {
      await page.goto("/requests/new");
      await fillIntake(page, { edrpou: "12345670", description: "Замало", naceClass: "01.11" });
      await page.getByLabel("Телефон").fill("12-34");
      await page.getByRole("button", { name: "Надіслати запит" }).click();

      const edrpou = page.getByLabel("Код ЄДРПОУ");
      await expect(edrpou).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText("Код не проходить перевірку контрольної цифри")).toBeVisible();
      await expect(page.getByText("Введіть український номер")).toBeVisible();
      await expect(page.getByText("Щонайменше 20 символів.")).toBeVisible();
      // A class code of another section than the one chosen names the code's section.
      await expect(page.getByText("Цей код належить до секції A — оберіть її вище або виправте код.")).toBeVisible();
      await expect(page.getByLabel("Основний вид діяльності за КВЕД")).toHaveValue("01.11");
      await expect(page.getByLabel("Галузь")).toHaveValue("C");
      // What was typed is still there, right and wrong alike.
      await expect(edrpou).toHaveValue("12345670");
      await expect(page.getByLabel("Назва підприємства")).toHaveValue("ТОВ «Світанок Метал» (демо)");
      await expect(page.getByLabel("Телефон")).toHaveValue("12-34");
      await expect(page.getByLabel("Область")).toHaveValue("UA-63");
      await expect(page.getByLabel("Що потрібно і скільки")).toHaveValue("Лист сталевий 3 мм — 20 т");
      // The error is announced to screen readers through the field's description.
      const describedBy = await edrpou.getAttribute("aria-describedby");
      expect(describedBy).toBeTruthy();
    });

    test("the English switch translates the page and keeps it in English", async ({ page }) => {
      await page.goto("/requests/new");
      await page.getByRole("button", { name: "Switch to English" }).click();
      await expect(page.getByRole("heading", { name: "New request" })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Does your enterprise need help?" })).toBeVisible();
      await page.getByRole("button", { name: "Українська версія" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "uk");
    });

    test("an unknown status link gives a friendly 404", async ({ page }) => {
      const response = await page.goto(`/s/${"x".repeat(43)}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Запит не знайдено" })).toBeVisible();
    });
  });
}

test.describe("with JavaScript on", () => {
  test("the form's page loads its own small script, not the app's React bundle", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto("/requests/new");
    await page.waitForLoadState("networkidle");
    expect(
      scripts.some((path) => /^\/assets\/intake-[\w-]+\.js$/.test(path)),
      scripts.join(", "),
    ).toBe(true);
    expect(scripts.filter((path) => /entry\.client|\/root-/.test(path))).toEqual([]);
  });

  test("nothing is judged or saved before anything is typed, and passing through a field is no error", async ({ page }) => {
    await page.goto("/requests/new");
    await page.waitForLoadState("networkidle");
    // The script is running: it has put its (still empty) draft note below the button.
    await expect(page.locator("#intake [role=status]")).toHaveCount(1);
    await expect(page.locator(".errors")).toHaveCount(0);
    await expect(page.getByText("Чернетку збережено на цьому пристрої.")).toHaveCount(0);
    // Tabbing through fields without typing is not a mistake yet.
    await page.getByLabel("Назва підприємства").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.locator(".errors")).toHaveCount(0);
    await expect(page.locator("[aria-invalid=true]")).toHaveCount(0);
  });

  test("a click on the consent box counts, though leaving a field above it shows that field's error", async ({ page }) => {
    await page.goto("/requests/new");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Опис", { exact: false }).first().fill("Замало");
    const consent = page.getByLabel(/Я погоджуюся/);
    await consent.click();
    await expect(consent).toBeChecked();
    await expect(page.getByText("Щонайменше 20 символів.")).toBeVisible();
  });

  test("errors appear as fields are left, before sending", async ({ page }) => {
    // Reached from the home page's button, as most people arrive.
    await page.goto("/");
    await page.getByRole("link", { name: "Подати запит" }).first().click();
    await expect(page.getByRole("heading", { name: "Новий запит" })).toBeVisible();
    const edrpou = page.getByLabel("Код ЄДРПОУ");
    await edrpou.fill("1234");
    await page.getByLabel("Контактна особа").focus();
    await expect(page.getByText("Код ЄДРПОУ має 8 цифр, РНОКПП — 10 цифр.")).toBeVisible();
    await expect(edrpou).toHaveAttribute("aria-invalid", "true");
    // Corrected, the error goes as it is typed, without leaving the field.
    await edrpou.fill(freshEdrpou());
    await expect(page.getByText("Код ЄДРПОУ має 8 цифр, РНОКПП — 10 цифр.")).toHaveCount(0);
    await expect(edrpou).not.toHaveAttribute("aria-invalid", "true");
  });

  test("on a slow line, what was typed before the script arrived is checked and kept as a draft", async ({ page }) => {
    let arrive!: () => void;
    const held = new Promise<void>((resolve) => (arrive = resolve));
    await page.route(/\/assets\/intake-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/requests/new", { waitUntil: "commit" });
    await page.getByLabel("Назва підприємства").fill("ТОВ «Повільний зв'язок» (демо)");
    await page.getByLabel("Код ЄДРПОУ").fill("1234");
    await page.getByLabel("Контактна особа").focus();
    await expect(page.getByText("Код ЄДРПОУ має 8 цифр, РНОКПП — 10 цифр.")).toHaveCount(0);

    arrive();
    await expect(page.getByText("Код ЄДРПОУ має 8 цифр, РНОКПП — 10 цифр.")).toBeVisible();
    await expect(page.getByText("Чернетку збережено на цьому пристрої.")).toBeVisible();
    // The field still being typed in is not judged yet.
    await expect(page.getByLabel("Контактна особа")).not.toHaveAttribute("aria-invalid", "true");
  });

  test("a draft survives leaving the page and can be restored", async ({ page }) => {
    await page.goto("/requests/new");
    await page.getByLabel("Назва підприємства").fill("ТОВ «Чернетка» (демо)");
    await page.getByLabel("Галузь", { exact: false }).selectOption("C");
    await page.getByLabel("Основний вид діяльності за КВЕД").fill("31.01");
    await expect(page.getByText("Чернетку збережено на цьому пристрої.")).toBeVisible();
    // The last words typed, and the page left at once, before the pause that saves a draft.
    await page.getByLabel("Опис", { exact: false }).first().fill("Текст, який не можна втратити під час відключення світла.");
    // Coming back later (a new visit, not the browser's own form restore on reload).
    await page.goto("/");
    await page.goto("/requests/new");
    await expect(page.getByLabel("Назва підприємства")).toHaveValue("");
    await expect(page.getByText("На цьому пристрої збережено незавершену чернетку")).toBeVisible();
    await page.getByRole("button", { name: "Відновити чернетку" }).click();
    await expect(page.getByLabel("Назва підприємства")).toHaveValue("ТОВ «Чернетка» (демо)");
    await expect(page.getByLabel("Опис", { exact: false }).first()).toHaveValue("Текст, який не можна втратити під час відключення світла.");
    await expect(page.getByLabel("Галузь", { exact: false })).toHaveValue("C");
    await expect(page.getByLabel("Основний вид діяльності за КВЕД")).toHaveValue("31.01");
  });

  test("sending without a connection says so and keeps everything typed", async ({ page, context }) => {
    await page.goto("/requests/new");
    const values = await fillIntake(page);
    await context.setOffline(true);
    await page.getByRole("button", { name: "Надіслати запит" }).click();
    await expect(page.getByText("Немає з'єднання з інтернетом")).toBeVisible();
    await expect(page.getByLabel("Назва підприємства")).toHaveValue(values.enterpriseName);
    await context.setOffline(false);
    await page.getByRole("button", { name: "Надіслати запит" }).click();
    await expect(page.getByRole("heading", { name: "Запит прийнято" })).toBeVisible();
    // The draft is cleared once the request is filed.
    await page.goto("/requests/new");
    await expect(page.getByText("На цьому пристрої збережено незавершену чернетку")).toHaveCount(0);
  });
});
