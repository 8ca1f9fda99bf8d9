// Who wrote an entry or added a file, as the enterprise knows them: never a staff member's name.
export type Author = "enterprise" | "coordinator" | "cluster" | "centre";

export function authorKind(actorType: "ENTERPRISE" | "USER" | "SYSTEM", role: "ADMIN" | "COORDINATOR" | "CLUSTER_MEMBER" | null): Author {
  if (actorType === "ENTERPRISE") return "enterprise";
  if (actorType === "SYSTEM") return "centre";
  return role === "CLUSTER_MEMBER" ? "cluster" : "coordinator";
}
