// Test data and the demo seed are built by the same factories. Deterministic: pass a seeded
// random source to get the same data every time.
import { completeEdrpou } from "~/domain/enterprises/identifiers";
import { createRequest } from "~/domain/requests/intake.server";
import { hashPassword } from "~/domain/auth/password.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action, Actor, Status } from "~/domain/requests/state-machine";
import { CATEGORIES, type Category, REGIONS, type Region, URGENCIES } from "~/domain/taxonomy";
import type { IntakeInput } from "~/schemas/intake";
import { INDUSTRIES } from "./industries";
import { db } from "~/data/db.server";

export type Random = () => number;

/** mulberry32: a small seeded generator, so demo data is the same on every machine. */
export function seededRandom(seed = 1): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const NAME_A = ["Граніт", "Світанок", "Поділля", "Дніпро", "Карпати", "Сокіл", "Ятрань", "Слобожанщина", "Сіверськ", "Берегиня", "Інтегра", "Техмаш"];
const NAME_B = ["Метал", "Агро", "Пром", "Текстиль", "Машбуд", "Енерго", "Логістик", "Фарм", "Меблі", "Електро"];
const FIRST = ["Олена", "Андрій", "Ірина", "Микола", "Тетяна", "Сергій", "Оксана", "Василь", "Наталія", "Богдан"];
const LAST = ["Коваленко", "Шевчук", "Бондар", "Мельник", "Ткаченко", "Кравець", "Олійник", "Савчук", "Руденко", "Гончар"];
const CITY: Record<Region, string> = {
  "UA-71": "Черкаси",
  "UA-74": "Чернігів",
  "UA-77": "Чернівці",
  "UA-12": "Дніпро",
  "UA-14": "Краматорськ",
  "UA-26": "Івано-Франківськ",
  "UA-63": "Харків",
  "UA-65": "Херсон",
  "UA-68": "Хмельницький",
  "UA-35": "Кропивницький",
  "UA-32": "Біла Церква",
  "UA-09": "Сєвєродонецьк",
  "UA-46": "Львів",
  "UA-48": "Миколаїв",
  "UA-51": "Одеса",
  "UA-53": "Полтава",
  "UA-56": "Рівне",
  "UA-59": "Суми",
  "UA-61": "Тернопіль",
  "UA-05": "Вінниця",
  "UA-07": "Луцьк",
  "UA-21": "Ужгород",
  "UA-23": "Запоріжжя",
  "UA-18": "Житомир",
  "UA-30": "Київ",
  "UA-43": "Сімферополь",
  "UA-40": "Севастополь",
};
const TITLES: Record<Category, string[]> = {
  RELOCATION: ["Перемістити цех з прифронтової зони", "Релокація лінії механообробки", "Потрібне приміщення для виробництва"],
  SUPPLIES: ["Потрібен листовий прокат", "Бракує тканини для пошиття", "Пошук постачальника комплектуючих"],
  DEFENCE_ORDER: ["Готові виконати оборонне замовлення", "Виробництво комплектуючих для ЗСУ", "Пошив спорядження"],
  LOGISTICS: ["Перевезення обладнання", "Потрібен склад на заході країни", "Доставка сировини"],
  ENERGY: ["Потрібен генератор для цеху", "Резервне живлення виробництва", "Підключення до мережі після обстрілу"],
  EQUIPMENT: ["Ремонт верстатів з ЧПК", "Потрібен прес", "Заміна пошкодженого обладнання"],
  WORKFORCE: ["Потрібні зварювальники", "Навчання нових працівників", "Пошук інженерів-технологів"],
  FINANCE: ["Пошук грантового фінансування", "Кредит на відновлення", "Страхування воєнних ризиків"],
  EXPORT: ["Вихід на ринок ЄС", "Сертифікація для експорту", "Пошук партнерів за кордоном"],
  OTHER: ["Консультація щодо документів", "Інше питання підприємства", "Потрібна порада"],
};

let edrpouCounter = 0;

/** A valid intake (as the schema outputs it), varied by `random`. */
export function buildIntake(random: Random = Math.random, overrides: Partial<IntakeInput> = {}): IntakeInput {
  const category = overrides.category ?? pick(random, CATEGORIES);
  const region = overrides.region ?? pick(random, REGIONS);
  const industry = INDUSTRIES[edrpouCounter % INDUSTRIES.length]!;
  const first7 = String(1_000_000 + ((Math.floor(random() * 8_000_000) + edrpouCounter++ * 7919) % 8_000_000)).padStart(7, "0");
  const base: IntakeInput = {
    enterpriseName: `ТОВ «${pick(random, NAME_A)} ${pick(random, NAME_B)}» (демо)`,
    edrpou: completeEdrpou(first7),
    contactName: `${pick(random, FIRST)} ${pick(random, LAST)}`,
    phone: `+38067${String(Math.floor(random() * 10_000_000)).padStart(7, "0")}`,
    email: `contact${Math.floor(random() * 100_000)}@enterprise.example`,
    region,
    city: CITY[region],
    sector: industry.sector,
    naceClass: industry.naceClass,
    category,
    urgency: pick(random, URGENCIES),
    title: pick(random, TITLES[category]),
    description: "Підприємство працює попри обстріли. Описуємо, що сталося, що саме потрібно і в яких обсягах, щоб координатор міг швидко знайти кластер.",
    consent: true,
    neededBy: undefined,
    productionArea: category === "RELOCATION" ? 200 + Math.floor(random() * 5000) : undefined,
    staffCount: category === "RELOCATION" ? 5 + Math.floor(random() * 300) : undefined,
    equipmentTonnage: category === "RELOCATION" ? Math.round(random() * 400) : undefined,
    destinationRegions: category === "RELOCATION" ? [pick(random, ["UA-46", "UA-26", "UA-21", "UA-07"] as Region[])] : undefined,
    supplyItems: category === "SUPPLIES" ? "Лист сталевий 3 мм — 20 т\nКруг 40 мм — 5 т" : undefined,
    defenceProductType: category === "DEFENCE_ORDER" ? "Металеві комплектуючі" : undefined,
    monthlyCapacity: category === "DEFENCE_ORDER" ? `${1000 + Math.floor(random() * 9000)} од.` : undefined,
    certifications: category === "DEFENCE_ORDER" ? "ISO 9001" : undefined,
  };
  return { ...base, ...overrides };
}

/** The same intake as the browser would post it (all strings). */
export function intakeFormFields(input: IntakeInput): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (name === "consent") fields.consent = value ? "on" : "";
    else if (Array.isArray(value)) fields[name] = value.map(String);
    else fields[name] = String(value);
  }
  return fields;
}

export function toFormData(fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

export type ClusterSeed = {
  slug: string;
  nameUk: string;
  nameEn: string;
  kind: "CLUSTER" | "ASSOCIATION" | "INITIATIVE";
  homeRegion: Region;
  capabilities: Category[];
  regions: Region[];
  /** NACE sections ("C") or divisions ("31") it serves. */
  sectors?: string[];
};

export async function createCluster(seed: ClusterSeed) {
  return db.$transaction((tx) =>
    tx.cluster.create({
      data: {
        slug: seed.slug,
        nameUk: seed.nameUk,
        nameEn: seed.nameEn,
        kind: seed.kind,
        homeRegion: seed.homeRegion,
        contactName: "Координатор кластера",
        contactEmail: `${seed.slug}@clusters.example`,
        capabilities: { create: seed.capabilities.map((category) => ({ category })) },
        regions: { create: seed.regions.map((region) => ({ region })) },
        sectors: { create: (seed.sectors ?? []).map((sector) => ({ sector })) },
      },
      select: { id: true, slug: true },
    }),
  );
}

export async function createUser(user: {
  email: string;
  name: string;
  password: string;
  role: "ADMIN" | "COORDINATOR" | "CLUSTER_MEMBER";
  clusterId?: string | null;
}) {
  const passwordHash = await hashPassword(user.password);
  return db.$transaction((tx) =>
    tx.user.create({
      data: { email: user.email, name: user.name, passwordHash, role: user.role, clusterId: user.clusterId ?? null },
      select: { id: true, email: true, role: true, clusterId: true },
    }),
  );
}

/** The actions that take a new request to each status (the happy path and its branches). */
const PATHS: Record<Status, Action[]> = {
  NEW: [],
  TRIAGED: ["triage"],
  NEEDS_INFO: ["triage", "requestInfo"],
  ASSIGNED: ["triage", "assign"],
  IN_PROGRESS: ["triage", "assign", "accept"],
  RESOLVED: ["triage", "assign", "accept", "resolve"],
  CLOSED: ["triage", "assign", "accept", "resolve", "confirm"],
  REJECTED: ["reject"],
  DUPLICATE: ["markDuplicate"],
};

const MESSAGES: Partial<Record<Action, string>> = {
  requestInfo: "Уточніть, будь ласка, обсяги та терміни.",
  resolve: "Кластер знайшов постачальника, поставку виконано.",
  reject: "Запит поза межами роботи Центру.",
  markDuplicate: "Той самий запит уже в роботі.",
};

/**
 * Files a request at `createdAt` and walks it to `status` through the state machine, one
 * event per step, `stepMs` apart.
 */
export async function createRequestInStatus(options: {
  input: IntakeInput;
  status: Status;
  createdAt: Date;
  coordinator: { id: string };
  cluster?: { id: string };
  member?: { id: string; clusterId: string | null };
  duplicateOfId?: string;
  stepMs?: number;
}) {
  const { input, status, createdAt, coordinator, cluster, member, stepMs = 3 * 60 * 60 * 1000 } = options;
  const created = await createRequest({ input, now: createdAt });
  const coordinatorActor: Actor = { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null };
  let at = createdAt.getTime();
  for (const action of PATHS[status]) {
    at += stepMs;
    const actor: Actor =
      action === "confirm"
        ? { type: "ENTERPRISE" }
        : (action === "accept" || action === "resolve") && member
          ? { type: "USER", userId: member.id, role: "CLUSTER_MEMBER", clusterId: member.clusterId }
          : coordinatorActor;
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: created.id,
        action,
        actor,
        input: { message: MESSAGES[action], clusterId: cluster?.id, duplicateOfId: options.duplicateOfId },
        now: new Date(at),
      }),
    );
  }
  return created;
}
