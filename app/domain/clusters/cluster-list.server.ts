// The one list of clusters people choose from or read names from: the queue's filter, the
// assignment list, a member's cluster on their account, the report's scopes, the dashboard's
// names. One read, one order: by name, as the page's language sorts it (Ukrainian letters such as
// Є, І, Ї sort where the alphabet puts them, not by code point as the database would).
// The admin's cluster pages read more (capabilities, regions, members): admin/admin.server.ts.
import { db } from "~/data/db.server";
import { type Locale, localName } from "~/i18n/locale";
import type { RequestScope } from "../auth/access";

export type ClusterChoice = { id: string; slug: string; nameUk: string; nameEn: string; active: boolean };

const collators = new Map<Locale, Intl.Collator>();
function collator(locale: Locale) {
  let found = collators.get(locale);
  if (!found) collators.set(locale, (found = new Intl.Collator(locale === "uk" ? "uk-UA" : "en-GB")));
  return found;
}

/**
 * Clusters by name in `locale`. `active` (the default): only those taking requests, plus
 * `alsoSlug` (e.g. the inactive cluster a member is still in); `all`: every one (a past week's
 * report or figures may name an inactive one). `scope` limits the list to what a viewer sees of
 * clusters: their own, for a cluster member.
 */
export async function listClusterChoices({
  locale,
  which = "active",
  alsoSlug,
  scope = { kind: "all" },
}: {
  locale: Locale;
  which?: "active" | "all";
  alsoSlug?: string | null;
  scope?: RequestScope;
}): Promise<ClusterChoice[]> {
  if (scope.kind === "none") return [];
  const clusters = await db.cluster.findMany({
    where: {
      ...(scope.kind === "cluster" ? { id: scope.clusterId } : {}),
      ...(which === "active" ? (alsoSlug ? { OR: [{ active: true }, { slug: alsoSlug }] } : { active: true }) : {}),
    },
    select: { id: true, slug: true, nameUk: true, nameEn: true, active: true },
  });
  const order = collator(locale);
  return clusters.sort((a, b) => order.compare(localName(a, locale), localName(b, locale)) || a.slug.localeCompare(b.slug));
}

/** One cluster's names (a member's portal heading). Null when there is no such cluster. */
export function getClusterName(id: string) {
  return db.cluster.findUnique({ where: { id }, select: { nameUk: true, nameEn: true } });
}
