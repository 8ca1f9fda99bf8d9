import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart, WeeklyBars } from "~/components/charts";
import { useLabels } from "~/components/request-labels";
import { requireStaff } from "~/domain/auth/auth.server";
import { buildDashboard } from "~/domain/report/dashboard.server";
import { CATEGORIES, type Category } from "~/domain/taxonomy";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { localName } from "~/i18n/locale";
import { sectorName } from "~/i18n/taxonomy-names";

export const meta: MetaFunction = () => [{ title: "Огляд · Dashboard — ЦШР" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return buildDashboard();
}

export default function Dashboard() {
  const { flow, backlog, slaLastWeek, lastWeek, clusters, noCluster, noSector } = useLoaderData<typeof loader>();
  const { locale, t } = useLocale();
  const label = useLabels();
  const clusterName = (id: string) => {
    if (id === noCluster) return t("dashboard.noCluster");
    const c = clusters.find((x) => x.id === id);
    return localName(c, locale, id);
  };
  const byValue = <T extends { value: number }>(a: T, b: T) => b.value - a.value;
  const count = [t("dashboard.what"), t("dashboard.count")] as [string, string];

  return (
    <main className="wide">
      <h1>{t("dashboard.title")}</h1>
      <p>{t("dashboard.lead", { open: backlog.total, overdue: backlog.overdue })}</p>
      <div className="charts">
        <WeeklyBars
          id="flow"
          title={t("dashboard.flow")}
          weekHeader={t("dashboard.week")}
          weeks={flow.map((w) => ({ week: w.week, values: [w.opened, w.resolved] }))}
          series={[t("dashboard.opened"), t("dashboard.resolved")]}
        />
        <BarChart
          id="age"
          title={t("dashboard.byAge")}
          caption={count}
          bars={Object.entries(backlog.byAge).map(([bucket, value]) => ({ label: t(`dashboard.age.${bucket}` as MessageKey), value }))}
        />
        <BarChart
          id="cluster"
          title={t("dashboard.byCluster")}
          caption={count}
          bars={Object.entries(backlog.byCluster)
            .map(([id, value]) => ({ label: clusterName(id), value }))
            .sort(byValue)}
        />
        <BarChart
          id="category"
          title={t("dashboard.byCategory")}
          caption={count}
          bars={CATEGORIES.map((c: Category) => ({ label: label.category(c), value: backlog.byCategory[c] })).sort(byValue)}
        />
        <BarChart
          id="sla"
          title={t("dashboard.slaByCluster", { week: lastWeek })}
          caption={[t("dashboard.what"), t("dashboard.share")]}
          max={100}
          bars={slaLastWeek
            .filter((c) => c.clusterId !== null && c.sla.resolve.n + c.sla.triage.n > 0)
            .map((c) => {
              const within = c.sla.triage.within + c.sla.resolve.within;
              const n = c.sla.triage.n + c.sla.resolve.n;
              const share = Math.round((100 * within) / n);
              return { label: localName(c, locale, ""), value: share, display: `${share}% (${within}/${n})` };
            })
            .sort(byValue)}
        />
        <BarChart
          id="region"
          title={t("dashboard.byRegion")}
          caption={count}
          bars={Object.entries(backlog.byRegion)
            .map(([code, value]) => ({ label: label.region(code), value }))
            .sort(byValue)}
        />
        <BarChart
          id="sector"
          title={t("dashboard.bySector")}
          caption={count}
          bars={Object.entries(backlog.bySector)
            .map(([code, value]) => ({ label: code === noSector ? t("dashboard.noSector") : sectorName(t, code), value }))
            .sort(byValue)}
        />
      </div>
    </main>
  );
}
