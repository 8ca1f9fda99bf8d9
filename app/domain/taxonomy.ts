// The category, urgency and region taxonomies: codes, Ukrainian and English labels.
// Every form, filter, report and the database enums use these codes.
import type { Locale } from "~/i18n/locale";

export type Label = { uk: string; en: string };

export const CATEGORIES = ["RELOCATION", "SUPPLIES", "DEFENCE_ORDER", "LOGISTICS", "ENERGY", "EQUIPMENT", "WORKFORCE", "FINANCE", "EXPORT", "OTHER"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, Label> = {
  RELOCATION: { uk: "Релокація виробництва", en: "Relocation of production" },
  SUPPLIES: { uk: "Сировина та матеріали", en: "Raw materials and supplies" },
  DEFENCE_ORDER: { uk: "Оборонне замовлення", en: "Defence order" },
  LOGISTICS: { uk: "Логістика", en: "Logistics" },
  ENERGY: { uk: "Енергозабезпечення", en: "Energy supply" },
  EQUIPMENT: { uk: "Обладнання", en: "Equipment" },
  WORKFORCE: { uk: "Кадри", en: "Workforce" },
  FINANCE: { uk: "Фінансування", en: "Finance" },
  EXPORT: { uk: "Експорт", en: "Export" },
  OTHER: { uk: "Інше", en: "Other" },
};

export const URGENCIES = ["CRITICAL", "HIGH", "NORMAL", "LOW"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABELS: Record<Urgency, Label> = {
  CRITICAL: { uk: "Критична — під загрозою зараз", en: "Critical — at risk right now" },
  HIGH: { uk: "Висока", en: "High" },
  NORMAL: { uk: "Звичайна", en: "Normal" },
  LOW: { uk: "Низька", en: "Low" },
};

/** ISO 3166-2:UA: 24 oblasts, Kyiv city, the Autonomous Republic of Crimea, Sevastopol. */
const REGION_LABELS = {
  "UA-71": { uk: "Черкаська область", en: "Cherkasy Oblast" },
  "UA-74": { uk: "Чернігівська область", en: "Chernihiv Oblast" },
  "UA-77": { uk: "Чернівецька область", en: "Chernivtsi Oblast" },
  "UA-12": { uk: "Дніпропетровська область", en: "Dnipropetrovsk Oblast" },
  "UA-14": { uk: "Донецька область", en: "Donetsk Oblast" },
  "UA-26": { uk: "Івано-Франківська область", en: "Ivano-Frankivsk Oblast" },
  "UA-63": { uk: "Харківська область", en: "Kharkiv Oblast" },
  "UA-65": { uk: "Херсонська область", en: "Kherson Oblast" },
  "UA-68": { uk: "Хмельницька область", en: "Khmelnytskyi Oblast" },
  "UA-35": { uk: "Кіровоградська область", en: "Kirovohrad Oblast" },
  "UA-32": { uk: "Київська область", en: "Kyiv Oblast" },
  "UA-09": { uk: "Луганська область", en: "Luhansk Oblast" },
  "UA-46": { uk: "Львівська область", en: "Lviv Oblast" },
  "UA-48": { uk: "Миколаївська область", en: "Mykolaiv Oblast" },
  "UA-51": { uk: "Одеська область", en: "Odesa Oblast" },
  "UA-53": { uk: "Полтавська область", en: "Poltava Oblast" },
  "UA-56": { uk: "Рівненська область", en: "Rivne Oblast" },
  "UA-59": { uk: "Сумська область", en: "Sumy Oblast" },
  "UA-61": { uk: "Тернопільська область", en: "Ternopil Oblast" },
  "UA-05": { uk: "Вінницька область", en: "Vinnytsia Oblast" },
  "UA-07": { uk: "Волинська область", en: "Volyn Oblast" },
  "UA-21": { uk: "Закарпатська область", en: "Zakarpattia Oblast" },
  "UA-23": { uk: "Запорізька область", en: "Zaporizhzhia Oblast" },
  "UA-18": { uk: "Житомирська область", en: "Zhytomyr Oblast" },
  "UA-30": { uk: "м. Київ", en: "Kyiv City" },
  "UA-43": { uk: "Автономна Республіка Крим", en: "Autonomous Republic of Crimea" },
  "UA-40": { uk: "м. Севастополь", en: "Sevastopol" },
} as const satisfies Record<string, Label>;

export type Region = keyof typeof REGION_LABELS;
export const REGIONS = Object.keys(REGION_LABELS) as Region[];

function isRegion(code: string): code is Region {
  return Object.prototype.hasOwnProperty.call(REGION_LABELS, code);
}

export function isCategory(code: string): code is Category {
  return (CATEGORIES as readonly string[]).includes(code);
}
export function isUrgency(code: string): code is Urgency {
  return (URGENCIES as readonly string[]).includes(code);
}

export function categoryLabel(code: Category, locale: Locale) {
  return CATEGORY_LABELS[code][locale];
}
export function urgencyLabel(code: Urgency, locale: Locale) {
  return URGENCY_LABELS[code][locale];
}
export function regionLabel(code: string, locale: Locale) {
  return isRegion(code) ? REGION_LABELS[code][locale] : code;
}

/** Options for a <select>, sorted by the label in the given language. */
export function regionOptions(locale: Locale) {
  const collator = new Intl.Collator(locale);
  return REGIONS.map((code) => ({ value: code, label: REGION_LABELS[code][locale] })).sort((a, b) => collator.compare(a.label, b.label));
}

/** Categories whose details are sensitive: staff and the assigned cluster only. */
export const SENSITIVE_CATEGORIES: readonly Category[] = ["DEFENCE_ORDER"];

/** Sort key: most urgent first. */
export const URGENCY_RANK: Record<Urgency, number> = { CRITICAL: 0, HIGH: 1, NORMAL: 2, LOW: 3 };
