// Staff pages take their strings from one cached script per language instead of carrying them
// in every page's data: signed-in users only, versioned by its address.
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { staffMessages } from "~/i18n/staff-messages";
import { loader as rootLoader } from "~/root";
import { loader as stringsLoader } from "~/routes/i18n.staff.$locale";
import { createUser } from "../factories";
import { call } from "./route-helpers";
import { cookieFor } from "./sessions";

let cookie: string;

beforeAll(async () => {
  const user = await createUser({ email: "strings@rrc.example", name: "Олена", password: "pw-123456789", role: "COORDINATOR" });
  cookie = await cookieFor(user.id);
});

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

describe("staff strings", () => {
  it("are pointed to by a signed-in page, and not by a public one", async () => {
    const signedIn = await call(rootLoader, get("/queue", { Cookie: cookie }));
    expect(signedIn.data.staffStrings).toMatch(/^\/i18n\/staff\/uk\?v=[0-9a-f]{12}$/);
    const english = await call(rootLoader, get("/queue", { Cookie: `${cookie}; lang=en` }));
    expect(english.data.staffStrings).toMatch(/^\/i18n\/staff\/en\?v=/);
    const anonymous = await call(rootLoader, get("/requests/new"));
    expect(anonymous.data.staffStrings).toBeNull();
  });

  it("come as a script that defines them, cached for good at their current address", async () => {
    const src = (await call(rootLoader, get("/queue", { Cookie: cookie }))).data.staffStrings as string;
    const answer = await call(stringsLoader, get(src, { Cookie: cookie }), { locale: "uk" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(answer.headers.get("Cache-Control")).toContain("immutable");
    const window: { __rrcStaffStrings?: Record<string, unknown> } = {};
    vm.runInNewContext(String(answer.data), { window });
    expect(window.__rrcStaffStrings?.uk).toEqual(staffMessages.uk);
  });

  it("are not cached for good at an old address, are 404 for an unknown language, and need a session", async () => {
    const stale = await call(stringsLoader, get("/i18n/staff/en?v=000000000000", { Cookie: cookie }), { locale: "en" });
    expect(stale.status).toBe(200);
    expect(stale.headers.get("Cache-Control")).toBe("private, no-cache");
    expect((await call(stringsLoader, get("/i18n/staff/de", { Cookie: cookie }), { locale: "de" })).status).toBe(404);
    const anonymous = await call(stringsLoader, get("/i18n/staff/uk"), { locale: "uk" });
    expect(anonymous.status).toBe(302);
  });
});
