import { expect, fillIntake, signIn, test } from "./fixtures";

test("a cluster declines, another accepts, reports progress and resolves; the enterprise follows it all and confirms", async ({ browser }) => {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { title: "Ремонт пресу після обстрілу" });
  await enterprise.getByLabel("Категорія").selectOption("EQUIPMENT");
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  const statusLink = (await enterprise.getByTestId("status-link").textContent())!.trim();

  const coordinatorContext = await browser.newContext();
  await signIn(coordinatorContext, "coordinator@rrc.example");
  const coordinator = await coordinatorContext.newPage();
  const assignTo = async (cluster: string) => {
    await coordinator.goto(`/requests/${reference}`);
    await coordinator.getByLabel("Або оберіть кластер зі списку").selectOption({ label: cluster });
    await coordinator.getByRole("button", { name: "Передати кластеру", exact: true }).click();
    await expect(coordinator).toHaveURL(/done=assign/);
    await expect(coordinator.locator(".status-badge")).toHaveText("Передано кластеру");
  };
  await assignTo("Харківський IAM-кластер");

  // Kharkiv declines with a reason.
  const kharkivContext = await browser.newContext();
  await signIn(kharkivContext, "member.kharkiv-iam@rrc.example");
  const kharkiv = await kharkivContext.newPage();
  await kharkiv.goto("/cluster");
  await kharkiv.getByRole("link", { name: reference }).click();
  await kharkiv.locator("summary", { hasText: "Відмовитися" }).click();
  await kharkiv.locator("#action-decline").getByLabel("Причина").fill("Немає вільних потужностей до кінця місяця.");
  await kharkiv.getByRole("button", { name: "Відмовитися" }).click();
  // The request has left the cluster: its page is no longer theirs to see.
  await expect(kharkiv.getByRole("heading", { name: "Сторінку не знайдено" })).toBeVisible();

  // The coordinator sees the decline and hands it to Kyiv; Kharkiv is not recommended again.
  await coordinator.goto(`/requests/${reference}`);
  await expect(coordinator.locator(".status-badge")).toHaveText("Розглянуто");
  await expect(coordinator.locator("ol.timeline")).toContainText("Немає вільних потужностей до кінця місяця.");
  await expect(coordinator.getByTestId("recommendation").filter({ hasText: "Харківський IAM-кластер" })).toHaveCount(0);
  await assignTo("Київський IAM-кластер");

  // Kyiv accepts, posts a public update and resolves.
  const kyivContext = await browser.newContext();
  await signIn(kyivContext, "member.kyiv-iam@rrc.example");
  const kyiv = await kyivContext.newPage();
  await kyiv.goto(`/requests/${reference}`);
  await kyiv.locator("summary", { hasText: "Прийняти в роботу" }).click();
  await kyiv.getByRole("button", { name: "Прийняти в роботу" }).click();
  await expect(kyiv).toHaveURL(/done=accept/);
  await expect(kyiv.locator(".status-badge")).toHaveText("У роботі");
  await kyiv.locator("summary", { hasText: "Написати підприємству" }).click();
  await kyiv.locator("#action-publicMessage").getByLabel("Повідомлення").fill("Майстер виїде до вас у четвер.");
  await kyiv.getByRole("button", { name: "Написати підприємству" }).click();
  // Each action ends on its own "?done=" page; wait for it before the next one.
  await expect(kyiv).toHaveURL(/done=publicMessage/);
  await kyiv.locator("summary", { hasText: "Позначити виконаним" }).click();
  await kyiv.locator("#action-resolve").getByLabel("Повідомлення").fill("Прес відремонтовано, лінія працює.");
  await kyiv.getByRole("button", { name: "Позначити виконаним" }).click();
  await expect(kyiv).toHaveURL(/done=resolve/);
  await expect(kyiv.locator(".status-badge")).toHaveText("Виконано");

  // The enterprise sees the progress and the outcome, but nothing internal, and confirms.
  await enterprise.goto(statusLink);
  const timeline = enterprise.locator("ol.timeline");
  await expect(timeline).toContainText("Кластер узяв запит у роботу");
  await expect(timeline).toContainText("Майстер виїде до вас у четвер.");
  await expect(timeline).toContainText("Прес відремонтовано, лінія працює.");
  await expect(timeline).not.toContainText("Немає вільних потужностей");
  await enterprise.getByRole("button", { name: "Підтверджую виконання" }).click();
  await expect(enterprise.locator(".status-badge")).toHaveText("Закрито");
  await expect(enterprise.locator("ol.timeline")).toContainText("Ви підтвердили виконання");

  await Promise.all([coordinatorContext.close(), kharkivContext.close(), kyivContext.close()]);
});
