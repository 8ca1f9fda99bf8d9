// Demo data: the Alliance's member clusters, one login per role, and a few hundred requests
// spread over categories, regions, states and the last twelve weeks. Run on an empty
// database by `npm start` (scripts/db-setup.mjs), or by hand: `npx tsx prisma/seed.ts`.
import { db } from "~/data/db.server";
import type { SlaTargets } from "~/domain/sla/sla";
import { slaTargets } from "~/domain/sla/sla-config.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action, Actor, Status, TransitionInput } from "~/domain/requests/state-machine";
import type { Urgency } from "~/domain/taxonomy";
import { type ClusterSeed, buildIntake, createCluster, createRequestInStatus, createUser, seededRandom } from "../tests/factories";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users.mjs";

export const CLUSTERS: ClusterSeed[] = [
  {
    slug: "kyiv-iam",
    nameUk: "Київський IAM-кластер",
    nameEn: "Kyiv IAM Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["RELOCATION", "EQUIPMENT", "DEFENCE_ORDER", "SUPPLIES", "WORKFORCE"],
    regions: ["UA-30", "UA-32", "UA-74", "UA-18"],
    sectors: ["25", "26", "27", "28", "33"],
  },
  {
    slug: "mykolaiv-iam",
    nameUk: "Миколаївський IAM-кластер",
    nameEn: "Mykolaiv IAM Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-48",
    capabilities: ["EQUIPMENT", "DEFENCE_ORDER", "LOGISTICS", "RELOCATION"],
    regions: ["UA-48", "UA-51", "UA-65"],
    sectors: ["25", "28", "30", "33"],
  },
  {
    slug: "vinnytsia-iam",
    nameUk: "Вінницький IAM-кластер",
    nameEn: "Vinnytsia IAM Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-05",
    capabilities: ["EQUIPMENT", "RELOCATION", "ENERGY", "WORKFORCE"],
    regions: ["UA-05", "UA-68", "UA-71"],
    sectors: ["25", "27", "28"],
  },
  {
    slug: "kharkiv-iam",
    nameUk: "Харківський IAM-кластер",
    nameEn: "Kharkiv IAM Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-63",
    capabilities: ["DEFENCE_ORDER", "EQUIPMENT", "RELOCATION", "ENERGY"],
    regions: ["UA-63", "UA-59", "UA-12"],
    sectors: ["25", "26", "27", "28", "29"],
  },
  {
    slug: "zaporizhzhia-iam",
    nameUk: "Запорізький IAM-кластер",
    nameEn: "Zaporizhzhia IAM Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-23",
    capabilities: ["EQUIPMENT", "DEFENCE_ORDER", "RELOCATION", "ENERGY"],
    regions: ["UA-23", "UA-12", "UA-14"],
    sectors: ["24", "25", "28", "33"],
  },
  {
    slug: "furniture-association",
    nameUk: "Українська меблева асоціація",
    nameEn: "Ukrainian Furniture Association",
    kind: "ASSOCIATION",
    homeRegion: "UA-30",
    capabilities: ["SUPPLIES", "RELOCATION", "EXPORT", "WORKFORCE"],
    regions: ["UA-46", "UA-56", "UA-07", "UA-21", "UA-26", "UA-30"],
    sectors: ["16", "31"],
  },
  {
    slug: "automotive-cluster",
    nameUk: "Український автомобільний кластер",
    nameEn: "Ukrainian Automotive Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["LOGISTICS", "EQUIPMENT", "DEFENCE_ORDER", "SUPPLIES"],
    regions: ["UA-30", "UA-32", "UA-46", "UA-61", "UA-05"],
    sectors: ["22", "29", "45"],
  },
  {
    slug: "khmelnytskyi-garment",
    nameUk: "Хмельницький швейний кластер",
    nameEn: "Khmelnytskyi Garment Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-68",
    capabilities: ["SUPPLIES", "DEFENCE_ORDER", "WORKFORCE", "EXPORT"],
    regions: ["UA-68", "UA-61", "UA-77"],
    sectors: ["13", "14", "15"],
  },
  {
    slug: "lviv-garment",
    nameUk: "Львівський швейний кластер",
    nameEn: "Lviv Garment Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-46",
    capabilities: ["SUPPLIES", "DEFENCE_ORDER", "EXPORT", "WORKFORCE"],
    regions: ["UA-46", "UA-07", "UA-26", "UA-21"],
    sectors: ["13", "14"],
  },
  {
    slug: "dnister-1362",
    nameUk: "Агротуристичний кластер «Дністер 1362»",
    nameEn: "“Dnister 1362” Agritourism Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-77",
    capabilities: ["RELOCATION", "WORKFORCE", "OTHER"],
    regions: ["UA-77", "UA-26", "UA-61"],
    sectors: ["01", "I"],
  },
  {
    slug: "poltava-agrofood",
    nameUk: "Полтавська агрохарчова кластерна ініціатива",
    nameEn: "Poltava Agrofood Cluster Initiative",
    kind: "INITIATIVE",
    homeRegion: "UA-53",
    capabilities: ["SUPPLIES", "LOGISTICS", "EXPORT", "FINANCE"],
    regions: ["UA-53", "UA-35", "UA-71", "UA-59"],
    sectors: ["A", "10", "11"],
  },
  {
    slug: "ukrlegprom",
    nameUk: "Укрлегпром",
    nameEn: "Ukrlegprom",
    kind: "ASSOCIATION",
    homeRegion: "UA-30",
    capabilities: ["SUPPLIES", "EXPORT", "FINANCE", "DEFENCE_ORDER"],
    regions: ["UA-30", "UA-32", "UA-46", "UA-68", "UA-63", "UA-12"],
    sectors: ["13", "14", "15"],
  },
  {
    slug: "industrial-automation-association",
    nameUk: "Асоціація підприємств промислової автоматизації України",
    nameEn: "Association of Industrial Automation Enterprises of Ukraine",
    kind: "ASSOCIATION",
    homeRegion: "UA-30",
    capabilities: ["ENERGY", "EQUIPMENT", "FINANCE", "RELOCATION"],
    regions: ["UA-30", "UA-32", "UA-12", "UA-63", "UA-51"],
    sectors: ["26", "27", "28", "62"],
  },
];

const DAY = 24 * 60 * 60 * 1000;
/** Open requests untouched for this long would be asked "still needed?" at the first start. */
const STALE_MARGIN = 28 * DAY;

/**
 * A status a request of this age plausibly has in a centre that mostly keeps its deadlines:
 * open work is recent and within its SLA targets; a few requests (about one in twenty) run
 * late. Nothing is left for the timed rules to act on at the first start (an assignment past
 * its accept deadline, a resolution past auto-closing, an open request gone stale).
 */
export function demoStatus(random: () => number, ageMs: number, urgency: Urgency, targets: SlaTargets = slaTargets): Status {
  const target = targets[urgency];
  const open = ageMs < STALE_MARGIN;
  const weights: [Status, number][] = [];
  const add = (status: Status, weight: number, fits: boolean) => void (fits && weights.push([status, weight]));
  if (random() < 0.05 && open && ageMs > target.triageMs) {
    // Late: still waiting for a first look, or past its resolution target.
    add("NEW", 1, true);
    add("IN_PROGRESS", 1, ageMs > target.resolveMs);
  } else {
    add("NEW", 6, ageMs < target.triageMs);
    add("TRIAGED", 2, open && ageMs < target.resolveMs);
    add("NEEDS_INFO", 1, open);
    // The accept clock starts at the assignment, a few hours after filing here.
    add("ASSIGNED", 3, ageMs < target.acceptMs);
    add("IN_PROGRESS", 5, open && ageMs < target.resolveMs);
    // Unconfirmed resolutions close by themselves after AUTO_CLOSE_DAYS (14).
    add("RESOLVED", 2, ageMs < 12 * DAY);
    add("CLOSED", 8, ageMs > DAY);
    add("REJECTED", 0.6, true);
    add("DUPLICATE", 0.6, true);
  }
  let roll = random() * weights.reduce((sum, [, w]) => sum + w, 0);
  for (const [status, weight] of weights) if ((roll -= weight) < 0) return status;
  return weights[weights.length - 1]![0];
}

export async function seed({ requests = 300, now = new Date() } = {}) {
  const random = seededRandom(20260224);
  const clusters = [];
  for (const c of CLUSTERS) clusters.push({ ...(await createCluster(c)), seed: c });

  const users: Record<string, { id: string; clusterId: string | null }> = {};
  for (const u of DEMO_USERS) {
    const cluster = u.cluster ? clusters.find((c) => c.slug === u.cluster) : undefined;
    users[u.email] = await createUser({ email: u.email, name: u.name, password: DEMO_PASSWORD, role: u.role, clusterId: cluster?.id });
  }
  const coordinators = DEMO_USERS.filter((u) => u.role === "COORDINATOR").map((u) => users[u.email]!);
  const twelveWeeks = 12 * 7 * 24 * 60 * 60 * 1000;

  const filed: { id: string; status: Status; createdAt: Date }[] = [];
  for (let i = 0; i < requests; i++) {
    const input = buildIntake(random);
    // More requests lately than twelve weeks ago (a growing centre), and a status that fits
    // each one's age.
    const age = random() ** 2 * twelveWeeks;
    const createdAt = new Date(now.getTime() - age);
    const status = demoStatus(random, age, input.urgency);
    const fitting = clusters.filter((c) => c.seed.capabilities.includes(input.category));
    const cluster = (fitting.length ? fitting : clusters)[Math.floor(random() * (fitting.length || clusters.length))]!;
    const memberEmail = DEMO_USERS.find((u) => u.cluster === cluster.slug)?.email;
    // A duplicate repeats an earlier filing (the merge is recorded on the original too).
    const original = status === "DUPLICATE" ? filed.find((r) => r.status !== "DUPLICATE" && r.createdAt < createdAt) : undefined;
    if (status === "DUPLICATE" && !original) continue;
    // Keep every step in the past.
    const stepMs = Math.min(3 * 3600 * 1000, age / 6);
    const request = await createRequestInStatus({
      input,
      status,
      createdAt,
      coordinator: coordinators[i % coordinators.length]!,
      cluster,
      member: memberEmail ? users[memberEmail] : undefined,
      duplicateOfId: original?.id,
      stepMs,
    });
    filed.push({ id: request.id, status, createdAt });
  }
  // A relocation of three needs (decision 055): the latest request in work gets the transport,
  // handed to another cluster, and the premises, still waiting for one.
  const inWork = [...filed].reverse().find((r) => r.status === "IN_PROGRESS");
  if (inWork) await demoLines(inWork.id, coordinators[0]!, clusters, now);
  return { clusters: clusters.length, users: DEMO_USERS.length, requests: filed.length };
}

async function demoLines(requestId: string, coordinator: { id: string }, clusters: ReadonlyArray<{ id: string; slug: string }>, now: Date) {
  const actor: Actor = { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null };
  const at = new Date(now.getTime() - 60_000);
  const step = (action: Action, input: TransitionInput, lineId?: string) =>
    db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input, lineId, now: at }));
  await step("splitLine", { newLine: { category: "LOGISTICS", summary: "Перевезення 12 верстатів і двох ліній на нове місце" } });
  await step("splitLine", { newLine: { category: "RELOCATION", summary: "Виробниче приміщення близько 800 м² з підведеною електрикою" } });
  const [first, second] = await db.requestLine.findMany({ where: { requestId }, orderBy: { position: "asc" } });
  const other = clusters.find((c) => c.slug === "kharkiv-iam" && c.id !== first!.clusterId) ?? clusters.find((c) => c.id !== first!.clusterId)!;
  await step("assign", { clusterId: other.id }, second!.id);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const result = await seed();
  await db.$disconnect();
  console.log(`Seeded ${result.clusters} clusters, ${result.users} users and ${result.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
