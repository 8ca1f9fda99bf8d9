import { expect, fillIntake, signIn, test } from "./fixtures";

test("a relocation of three needs: two filed on one form, one split off at triage, handled by three clusters, followed by the enterprise on one page", async ({
  browser,
}) => {
  const enterprise = await browser.newPage();
  await enterprise.goto("/requests/new");
  await fillIntake(enterprise, { title: "Переїзд цеху з Харкова" });
  await enterprise.getByLabel("Категорія").selectOption("EQUIPMENT");
  // The transport is a need of its own, filed on the same form.
  await enterprise.getByLabel("Потреба 2: вид допомоги").selectOption("LOGISTICS");
  await enterprise.getByLabel("Потреба 2: чим допомогти").fill("Перевезення 12 верстатів до Львова");
  await enterprise.getByRole("button", { name: "Надіслати запит" }).click();
  const reference = (await enterprise.getByTestId("reference").textContent())!.trim();
  const statusLink = (await enterprise.getByTestId("status-link").textContent())!.trim();

  // The coordinator splits the premises off into a line of its own.
  const coordinatorContext = await browser.newContext();
  await signIn(coordinatorContext, "coordinator@rrc.example");
  const coordinator = await coordinatorContext.newPage();
  await coordinator.goto(`/requests/${reference}`);
  await expect(coordinator.getByTestId("request-line")).toHaveCount(2);
  await coordinator.locator("summary", { hasText: "Виділити потребу в окремий рядок" }).click();
  const split = coordinator.locator("#action-splitLine");
  await split.getByLabel("Категорія").selectOption("RELOCATION");
  await split.getByLabel("Що потрібно").fill("Приміщення 800 м² у Львівській області");
  await split.getByRole("button", { name: "Виділити потребу в окремий рядок" }).click();
  await expect(coordinator).toHaveURL(/done=splitLine/);
  await expect(coordinator.getByTestId("request-line")).toHaveCount(3);
  await expect(coordinator.locator("ol.timeline")).toContainText("Потребу виділено в окремий рядок 3");

  // Each line goes to its own cluster.
  const clusters = ["Київський IAM-кластер", "Харківський IAM-кластер", "Львівський швейний кластер"];
  for (const [index, cluster] of clusters.entries()) {
    const form = coordinator.locator("#action-assign");
    const line = form.getByLabel("Рядок, якого стосується дія");
    const label = (await line.locator("option", { hasText: `Рядок ${index + 1} —` }).textContent())!;
    await line.selectOption({ label });
    await form.getByLabel("Або оберіть кластер зі списку").selectOption({ label: cluster });
    await form.getByRole("button", { name: "Передати кластеру", exact: true }).click();
    // The page after the post names the line's cluster (the URL says done=assign from the first on).
    await expect(coordinator.getByTestId("request-line").nth(index)).toContainText(cluster);
  }
  await expect(coordinator.locator(".status-badge")).toHaveText("Передано кластеру");

  // Each cluster finds the request on its portal, sees its own need, and takes and resolves its line.
  for (const [index, slug] of ["kyiv-iam", "kharkiv-iam", "lviv-garment"].entries()) {
    const context = await browser.newContext();
    await signIn(context, `member.${slug}@rrc.example`);
    const member = await context.newPage();
    await member.goto("/cluster");
    // The portal's row says how the member's own line stands, beside the request's status.
    await expect(member.locator("tr", { hasText: reference })).toContainText(`Ваш рядок ${index + 1}: Передано кластеру`);
    await member.getByRole("link", { name: reference }).click();
    const own = member.getByTestId("request-line").nth(index);
    await expect(own).toContainText("Передано кластеру");
    if (index === 1) await expect(own).toContainText("Перевезення 12 верстатів до Львова");
    // Another cluster's line: its category and state, never what is needed.
    const other = member.getByTestId("request-line").nth((index + 1) % 3);
    await expect(other).toContainText("інший кластер");
    if (index === 0) await expect(other).not.toContainText("Перевезення 12 верстатів");
    await member.locator("summary", { hasText: "Прийняти в роботу" }).click();
    await member.getByRole("button", { name: "Прийняти в роботу" }).click();
    await expect(member).toHaveURL(/done=accept/);
    await expect(member.locator(".status-badge")).toHaveText("У роботі");
    await member.locator("summary", { hasText: "Позначити виконаним" }).click();
    await member
      .locator("#action-resolve")
      .getByLabel("Повідомлення")
      .fill(`Рядок ${index + 1} виконано.`);
    await member.getByRole("button", { name: "Позначити виконаним" }).click();
    await expect(member).toHaveURL(/done=resolve/);
    await context.close();
  }

  // The enterprise follows the three needs on its one page and confirms once all are done.
  await enterprise.goto(statusLink);
  const lines = enterprise.getByTestId("status-lines").locator("li");
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(1)).toContainText("Перевезення 12 верстатів до Львова");
  for (let i = 0; i < 3; i++) await expect(lines.nth(i)).toContainText("Виконано");
  await expect(enterprise.locator(".status-badge")).toHaveText("Виконано — чекаємо на ваше підтвердження");
  await enterprise.getByRole("button", { name: "Підтверджую виконання" }).click();
  await expect(enterprise.locator(".status-badge")).toHaveText("Закрито");

  await coordinatorContext.close();
});
