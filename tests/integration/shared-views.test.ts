// Saved queue views shared with all coordinators: listed for everyone on the staff, marked with
// the author; only the author (or an admin) deletes or stops sharing them.
import { beforeAll, describe, expect, it } from "vitest";
import { action as queueAction, loader as queueLoader } from "~/routes/queue";
import { db } from "~/data/db.server";
import { createUser } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const PASSWORD = "pw-views-123456789";
const cookies: Record<string, string> = {};

type View = { id: string; name: string; query: string; shared: boolean; mine: boolean; author: string; manageable: boolean };

async function views(who: string) {
  const answer = await call(queueLoader, new Request("http://localhost/queue", { headers: { Cookie: cookies[who]! } }));
  expect(answer.status).toBe(200);
  return answer.data.views as View[];
}

function post(who: string, fields: Record<string, string>) {
  return call(queueAction, formRequest("/queue", fields, { headers: { Cookie: cookies[who]!, "Content-Type": "application/x-www-form-urlencoded" } }));
}

beforeAll(async () => {
  const people = {
    author: await createUser({ email: "views.author@rrc.example", name: "Олена Авторка", password: PASSWORD, role: "COORDINATOR" }),
    colleague: await createUser({ email: "views.colleague@rrc.example", name: "Тарас", password: PASSWORD, role: "COORDINATOR" }),
    admin: await createUser({ email: "views.admin@rrc.example", name: "Адмін", password: PASSWORD, role: "ADMIN" }),
  };
  for (const [who, user] of Object.entries(people)) cookies[who] = await cookieFor(user.id);
});

describe("views shared with all coordinators", () => {
  it("are listed for every coordinator and admin, marked with their author, after the viewer's own", async () => {
    expect((await post("author", { intent: "saveView", name: "Критичні Харкова", query: "?urgency=CRITICAL&region=UA-63", shared: "on" })).status).toBe(303);
    expect((await post("author", { intent: "saveView", name: "Мої чернетки", query: "?owner=me" })).status).toBe(303);
    expect((await post("colleague", { intent: "saveView", name: "Аа власне", query: "?status=NEW" })).status).toBe(303);

    const seenByColleague = await views("colleague");
    expect(seenByColleague.map((v) => v.name)).toEqual(["Аа власне", "Критичні Харкова"]);
    expect(seenByColleague[1]).toMatchObject({
      shared: true,
      mine: false,
      author: "Олена Авторка",
      manageable: false,
      query: "?urgency=CRITICAL&region=UA-63",
    });
    expect((await views("admin")).find((v) => v.name === "Критичні Харкова")).toMatchObject({ shared: true, manageable: true });
    // An unshared view stays its author's own.
    expect(seenByColleague.map((v) => v.name)).not.toContain("Мої чернетки");
    expect((await views("author")).map((v) => v.name)).toEqual(["Критичні Харкова", "Мої чернетки"]);
  });

  it("only the author or an admin deletes or stops sharing one; another coordinator's post changes nothing", async () => {
    await post("author", { intent: "saveView", name: "Спільне", query: "?overdue=1", shared: "on" });
    const shared = (await views("colleague")).find((v) => v.name === "Спільне")!;
    expect((await post("colleague", { intent: "unshareView", id: shared.id })).status).toBe(303);
    expect((await post("colleague", { intent: "deleteView", id: shared.id })).status).toBe(303);
    expect(await db.savedView.findUniqueOrThrow({ where: { id: shared.id } })).toMatchObject({ shared: true });

    expect((await post("admin", { intent: "unshareView", id: shared.id })).status).toBe(303);
    expect((await views("colleague")).map((v) => v.name)).not.toContain("Спільне");
    expect((await views("author")).find((v) => v.name === "Спільне")).toMatchObject({ shared: false, mine: true });

    await post("author", { intent: "saveView", name: "Спільне", query: "?overdue=1", shared: "on" });
    expect((await post("author", { intent: "deleteView", id: shared.id })).status).toBe(303);
    expect(await db.savedView.findUnique({ where: { id: shared.id } })).toBeNull();
  });

  it("an admin cannot delete a view its author did not share", async () => {
    await post("colleague", { intent: "saveView", name: "Тільки моє", query: "?region=UA-46" });
    const own = (await views("colleague")).find((v) => v.name === "Тільки моє")!;
    expect((await post("admin", { intent: "deleteView", id: own.id })).status).toBe(303);
    expect(await db.savedView.findUnique({ where: { id: own.id } })).not.toBeNull();
  });

  it("saving a shared view again under its name without the box stops sharing it", async () => {
    await post("author", { intent: "saveView", name: "Тимчасове", query: "?status=TRIAGED", shared: "on" });
    expect((await views("colleague")).map((v) => v.name)).toContain("Тимчасове");
    await post("author", { intent: "saveView", name: "Тимчасове", query: "?status=TRIAGED" });
    expect((await views("colleague")).map((v) => v.name)).not.toContain("Тимчасове");
  });
});
