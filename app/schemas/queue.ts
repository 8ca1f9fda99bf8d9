// The queue's state lives in the URL. This lenient reader turns any query string into valid
// parameters (a bad value falls back to its default), and `queueSearch` writes them back, so
// every view is a link a coordinator can send.
import { z } from "zod";
import { STATUSES } from "~/domain/requests/state-machine";
import { CATEGORIES, REGIONS, SECTORS, URGENCIES } from "~/domain/taxonomy";
import { freeText } from "./fields";

export const QUEUE_COLUMNS = ["reference", "enterprise", "category", "urgency", "region", "status", "cluster", "owner", "age", "due", "updated"] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

/**
 * The orders a list can take: by a column, or "priority", the default: what waits on a
 * coordinator first (new, triaged, declined or lapsed), then what waits on a cluster or the
 * enterprise, then resolutions awaiting confirmation, then finished requests; within each,
 * the most urgent first, then the earliest due.
 */
/** Every column but the owner's, which is filtered by instead (decision 021). */
export const QUEUE_SORTS = [
  "priority",
  "reference",
  "enterprise",
  "category",
  "urgency",
  "region",
  "status",
  "cluster",
  "age",
  "due",
  "updated",
] as const satisfies readonly ("priority" | QueueColumn)[];
export type QueueSort = (typeof QUEUE_SORTS)[number];

/**
 * Whose requests: anyone's ("any"), the viewer's ("me"), nobody's yet ("nobody"), the viewer's
 * or nobody's ("me-or-nobody"), or one person's (their user id).
 */
type OwnerFilter = "any" | "me" | "nobody" | "me-or-nobody" | (string & {});

export const PAGE_SIZES = [10, 25, 50, 100] as const;

const list = <T extends string>(values: readonly T[]) =>
  z
    .array(z.string())
    .transform((items) => items.flatMap((v) => v.split(",")).filter((v): v is T => (values as readonly string[]).includes(v)))
    .catch([]);

const one = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((v) => ((values as readonly string[]).includes(v ?? "") ? (v as T) : undefined))
    .catch(undefined);

const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on" || v === "true")
  .catch(false);

const QueueParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
  sort: one(QUEUE_SORTS).transform((v) => v ?? "priority"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  status: list(STATUSES),
  category: one(CATEGORIES),
  urgency: one(URGENCIES),
  region: one(REGIONS),
  /** The enterprise's industry: a NACE section. */
  sector: one(SECTORS),
  /** A cluster's slug. */
  cluster: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .catch(undefined),
  unassigned: flag,
  overdue: flag,
  duplicates: flag,
  /** Only requests with enterprise activity the viewer has not seen. */
  unread: flag,
  /** Whose requests (see OwnerFilter); absent: anyone's. */
  owner: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined) as z.ZodType<OwnerFilter | undefined>,
  /** Only what waits on a coordinator (new, triaged, declined or lapsed). */
  waiting: flag,
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined),
  /** Visible columns; empty means all. */
  cols: list(QUEUE_COLUMNS),
});

export type QueueParams = z.output<typeof QueueParamsSchema>;

const MULTI = new Set(["status", "cols"]);

/** Reads the queue parameters from a URL's search string. */
export function readQueueParams(search: URLSearchParams): QueueParams {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) raw[key] = MULTI.has(key) ? search.getAll(key) : (search.get(key) ?? "");
  return QueueParamsSchema.parse(raw);
}

export const DEFAULT_QUEUE_PARAMS: QueueParams = readQueueParams(new URLSearchParams());

/**
 * What a coordinator's queue shows when opened with no parameters at all: what needs their
 * action, i.e. requests waiting on a coordinator that are theirs or nobody's, in priority order.
 */
export const MY_WORK: QueueParams = { ...DEFAULT_QUEUE_PARAMS, owner: "me-or-nobody", waiting: true };

/**
 * The coordinators' queue parameters: the bare /queue is MY_WORK; any other address says what
 * it shows (no owner in it means anyone's, as every link made before owners did).
 */
export function readStaffQueueParams(search: URLSearchParams): QueueParams {
  if ([...search.keys()].length === 0) return MY_WORK;
  const params = readQueueParams(search);
  return { ...params, owner: params.owner ?? "any" };
}

/** Writes parameters back as a query string, leaving out defaults so links stay short. */
export function queueSearch(params: QueueParams, changes: Partial<QueueParams> = {}) {
  const next = { ...params, ...changes };
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(next) as [keyof QueueParams, unknown][]) {
    const fallback = DEFAULT_QUEUE_PARAMS[key];
    if (Array.isArray(value)) {
      if (value.length) out.set(key, value.join(","));
    } else if (value !== undefined && value !== false && value !== fallback) {
      out.set(key, value === true ? "1" : String(value));
    }
  }
  // MY_WORK is the bare address; every other view keeps its owner in the link.
  const keys = [...out.keys()];
  if (keys.length === 2 && out.get("owner") === "me-or-nobody" && out.get("waiting") === "1") return "";
  const text = out.toString();
  return text ? `?${text}` : "";
}

export const SaveViewSchema = z.object({
  intent: z.literal("saveView"),
  name: freeText({ error: "required" }).min(1, "required").max(80, "tooLong:80"),
  /**
   * The view as the queue reads it, written back by `queueSearch`: only the queue's own
   * parameters, percent-encoded, so it is a link and a redirect whatever was posted.
   */
  query: z
    .string()
    .max(2000)
    .default("")
    .transform((query) => queueSearch(readQueueParams(new URLSearchParams(query)))),
  /** Listed for every coordinator and admin. */
  shared: z.boolean().default(false),
});

export const DeleteViewSchema = z.object({ intent: z.literal("deleteView"), id: z.string().min(1).max(40) });

/** The author (or an admin) stops showing a view to everyone. */
export const UnshareViewSchema = z.object({ intent: z.literal("unshareView"), id: z.string().min(1).max(40) });

/** What can be done to several requests at once from the queue. */
export const BULK_ACTIONS = ["triage", "take", "assign", "requestInfo", "reject"] as const;

export const BulkSchema = z.object({
  intent: z.literal("bulk"),
  ids: z.array(z.string().min(1).max(40)).min(1, "bulkNone").max(100),
  bulkAction: z.enum(BULK_ACTIONS, { error: "choose" }),
  clusterId: z.string().max(40).optional(),
  message: freeText().max(5000, "tooLong:5000").optional(),
});
