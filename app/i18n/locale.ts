export const LOCALES = ["uk", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "uk";

export function isLocale(value: unknown): value is Locale {
  return value === "uk" || value === "en";
}

/** Dates are always shown in Kyiv time, whatever the device's time zone. */
export const TIME_ZONE = "Europe/Kyiv";

const intlLocale: Record<Locale, string> = { uk: "uk-UA", en: "en-GB" };

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(value: Date | string, locale: Locale) {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short" });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale) {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], { timeZone: TIME_ZONE, dateStyle: "long" });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(value));
}

/** What has a name in both languages (clusters, reply templates). */
type Named = { nameUk: string | null; nameEn: string | null };

/** A cluster's (or a template's) name in the page's language; `none` when there is none. */
export function localName(named: Named | null | undefined, locale: Locale, none = "—") {
  if (!named) return none;
  return (locale === "uk" ? named.nameUk : named.nameEn) ?? none;
}
