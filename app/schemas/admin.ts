// The administration forms' rules, written once: the admin pages (server action and browser)
// and `npm run user:create` all use these schemas. Messages are i18n keys (app/i18n/messages.ts,
// admin-only ones in app/i18n/messages/admin.ts).
import { z } from "zod";
import { CATEGORIES, DIVISIONS, REGIONS, SECTORS, bySectorOrder, isClusterSectorCode } from "~/domain/taxonomy";
import { PASSWORD_MAX } from "./auth";
import { emailField, freeText, phoneField } from "./fields";

export const ROLES = ["ADMIN", "COORDINATOR", "CLUSTER_MEMBER"] as const;
export type Role = (typeof ROLES)[number];

export const CLUSTER_KINDS = ["CLUSTER", "ASSOCIATION", "INITIATIVE"] as const;

/** A password an admin types for someone else; generated ones are longer (see admin.server.ts). */
export const PASSWORD_MIN = 12;

/** Lower-case letters, digits and single hyphens: the cluster's address, /admin/clusters/<slug>. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (max: number) => freeText({ error: "required" }).min(1, { error: "required", abort: true }).max(max, `tooLong:${max}`);

const optionalText = (max: number) => freeText().max(max, `tooLong:${max}`).optional();

const clusterFields = {
  nameUk: text(200),
  nameEn: text(200),
  kind: z.enum(CLUSTER_KINDS, { error: "choose" }),
  homeRegion: z.enum(REGIONS, { error: "choose" }),
  /** The categories of request the cluster handles. */
  capabilities: z
    .array(z.enum(CATEGORIES, { error: "choose" }))
    .min(1, "chooseAtLeastOne")
    .max(CATEGORIES.length)
    .transform((codes) => [...new Set(codes)]),
  /** The regions it serves (its home region counts anyway, see cluster-matching.ts). */
  regions: z
    .array(z.enum(REGIONS, { error: "choose" }))
    .max(REGIONS.length)
    .transform((codes) => [...new Set(codes)]),
  /** The industries it serves: NACE sections ("C") or single divisions ("31"). */
  sectors: z
    .array(z.string().refine(isClusterSectorCode, "choose"))
    .max(SECTORS.length + DIVISIONS.length)
    .transform((codes) => [...new Set(codes)].sort(bySectorOrder)),
  contactName: optionalText(200),
  contactEmail: emailField.optional(),
  contactPhone: phoneField.optional(),
};

export const ClusterCreateSchema = z.object({
  slug: z.string({ error: "required" }).trim().toLowerCase().min(1, { error: "required", abort: true }).max(60, "tooLong:60").regex(SLUG_PATTERN, "slugFormat"),
  ...clusterFields,
});

/** The slug is the cluster's address and stays as it was created. */
export const ClusterUpdateSchema = z.object({
  ...clusterFields,
  active: z
    .boolean()
    .optional()
    .transform((checked) => checked === true),
});

export type ClusterCreateInput = z.output<typeof ClusterCreateSchema>;
export type ClusterUpdateInput = z.output<typeof ClusterUpdateSchema>;

/** A cluster belongs to cluster members only: required for them, refused for other roles. */
function clusterMatchesRole(value: { role?: Role; cluster?: string }, ctx: z.RefinementCtx) {
  if (value.role === "CLUSTER_MEMBER" && !value.cluster) {
    ctx.addIssue({ code: "custom", path: ["cluster"], message: "clusterRequired" });
  }
  if (value.role !== undefined && value.role !== "CLUSTER_MEMBER" && value.cluster) {
    ctx.addIssue({ code: "custom", path: ["cluster"], message: "clusterOnlyForMembers" });
  }
}

const role = z.enum(ROLES, { error: "choose" });
/** A cluster's slug, as the form's select and the command line's --cluster give it. */
const cluster = z.string().trim().max(60, "clusterUnknown").optional();

export const UserCreateSchema = z
  .object({
    email: emailField,
    /** Empty: the part of the email before "@". */
    name: optionalText(200),
    role,
    cluster,
    /** Empty: a strong one is generated and shown once. Never trimmed. */
    password: z.string().min(PASSWORD_MIN, `tooShort:${PASSWORD_MIN}`).max(PASSWORD_MAX, `tooLong:${PASSWORD_MAX}`).optional(),
  })
  // Run even when other fields failed, so every problem is reported at once.
  .superRefine(clusterMatchesRole, { when: () => true });

export const UserUpdateSchema = z
  .object({
    intent: z.literal("update"),
    name: text(200),
    role,
    cluster,
  })
  .superRefine(clusterMatchesRole, { when: () => true });

export type UserCreateInput = z.output<typeof UserCreateSchema>;
export type UserUpdateInput = z.output<typeof UserUpdateSchema>;

/** Everything posted from a user's page, told apart by `intent`. */
/** Hand every open request the user owns to another coordinator, with a note shown on each. */
const HandOverAllSchema = z.object({
  intent: z.literal("handOverAll"),
  toUserId: z.string({ error: "choose" }).min(1, "choose").max(40),
  message: text(5000),
});

export const UserActionSchema = z.discriminatedUnion("intent", [
  UserUpdateSchema,
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("activate") }),
  z.object({ intent: z.literal("resetPassword") }),
  HandOverAllSchema,
]);

/** The users list's URL: a bad value falls back to "all". */
export function readUserListParams(searchParams: URLSearchParams) {
  const role = z.enum(ROLES).safeParse(searchParams.get("role"));
  return { role: role.success ? role.data : undefined };
}
