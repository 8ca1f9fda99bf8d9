// The enterprise page's state in the URL: which page of its requests, how many per page. Read
// leniently (a bad value falls back to its default), as the queue's parameters are.
import { z } from "zod";
import { PAGE_SIZES } from "./queue";

/** EDRPOU (8 digits) or a sole proprietor's tax number (10). */
export const ENTERPRISE_CODE = /^\d{8}(\d{2})?$/;

const EnterprisePageParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
});

export type EnterprisePageParams = z.output<typeof EnterprisePageParamsSchema>;

export function readEnterprisePageParams(search: URLSearchParams): EnterprisePageParams {
  return EnterprisePageParamsSchema.parse({ page: search.get("page") ?? undefined, size: search.get("size") ?? undefined });
}
