// A report file's words in its language: headers, statuses, categories, urgencies, regions,
// clusters, yes/no (pure: no database).
import type { Locale } from "~/i18n/locale";
import type { MessageKey } from "~/i18n/messages";
import { translateStaff } from "~/i18n/staff-messages";
import type { Status } from "../requests/state-machine";
import { type Category, type Urgency, isRegion, isSector } from "../taxonomy";
import type { ReportCluster } from "./types";
import { localName } from "~/i18n/locale";

/** Labels in the file's language, looked up once each (a file repeats the same few thousand times). */
export class ReportLabels {
  private readonly clusterNames = new Map<string, string>();
  private readonly cache = new Map<string, string>();
  constructor(
    readonly locale: Locale,
    clusters: readonly ReportCluster[],
  ) {
    for (const c of clusters) this.clusterNames.set(c.id, localName(c, locale));
  }
  t(key: MessageKey, params?: Record<string, string | number>) {
    if (params) return translateStaff(this.locale, key, params);
    let label = this.cache.get(key);
    if (label === undefined) this.cache.set(key, (label = translateStaff(this.locale, key)));
    return label;
  }
  status(status: Status | null) {
    return status ? this.t(`staffStatus.${status}`) : null;
  }
  category(category: Category) {
    return this.t(`category.${category}`);
  }
  urgency(urgency: Urgency) {
    return this.t(`urgency.${urgency}`);
  }
  region(code: string) {
    return isRegion(code) ? this.t(`region.${code}`) : code;
  }
  sector(code: string) {
    return isSector(code) ? `${code} — ${this.t(`sector.${code}`)}` : code;
  }
  cluster(id: string | null) {
    return id ? (this.clusterNames.get(id) ?? id) : this.t("report.noCluster");
  }
  flag(value: boolean) {
    return this.t(value ? "report.yes" : "report.no");
  }
  action(action: string) {
    const key = `report.action.${action}` as MessageKey;
    const label = this.t(key);
    return label === key ? action : label;
  }
}
