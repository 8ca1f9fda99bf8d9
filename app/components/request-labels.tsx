// Small shared pieces for showing requests to staff: labels, age, due-time marks.
import type { Status } from "~/domain/requests/state-machine";
import type { Category, Urgency } from "~/domain/taxonomy";
import { formatDateTime } from "~/i18n/locale";
import { industryName, regionName } from "~/i18n/taxonomy-names";
import { useLocale } from "~/i18n/use-locale";

export function useLabels() {
  const { locale, t } = useLocale();
  return {
    category: (c: Category) => t(`category.${c}`),
    urgency: (u: Urgency) => t(`urgency.${u}`),
    region: (r: string) => regionName(t, r),
    industry: (sector: string | null, naceClass: string | null) => industryName(t, sector, naceClass),
    /** Staff see short workflow names; the enterprise sees statusLabel's plain sentences. */
    status: (s: Status) => t(`staffStatus.${s}`),
    dateTime: (d: Date | string) => formatDateTime(d, locale),
    age: (from: Date | string, now: Date | string) => {
      const minutes = Math.max(0, Math.floor((new Date(now).getTime() - new Date(from).getTime()) / 60_000));
      if (minutes < 60) return t("age.minutes", { n: minutes });
      if (minutes < 48 * 60) return t("age.hours", { n: Math.floor(minutes / 60) });
      return t("age.days", { n: Math.floor(minutes / 1440) });
    },
  };
}

/** A plain function of the translator (a table renders one per row; no hook per row). */
export function dueMark(t: ReturnType<typeof useLocale>["t"], { overdue, dueSoon }: { overdue: boolean; dueSoon: boolean }) {
  if (overdue) return <span className="mark overdue">{t("queue.overdueMark")}</span>;
  if (dueSoon) return <span className="mark due-soon">{t("queue.dueSoonMark")}</span>;
  return null;
}
