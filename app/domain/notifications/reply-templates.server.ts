// Canned replies kept by admins (create, change, delete) and filled for a request's page.
// Each write is one transaction with its entry in the admin's record (decision 027); filling
// reads only a request the viewer may see.
import type { Locale } from "~/i18n/locale";
import type { ReplyTemplateInput } from "~/schemas/reply-templates";
import { db } from "~/data/db.server";
import { recordAdminChange } from "../admin/audit.server";
import { fillReply } from "./reply-templates";
import { type Viewer, visibleTo } from "../auth/access";

const listSelect = { id: true, nameUk: true, nameEn: true, bodyUk: true, bodyEn: true, updatedAt: true } as const;

/** Every template, by Ukrainian name: the admin's list. */
export async function listReplyTemplates() {
  return db.replyTemplate.findMany({ orderBy: [{ nameUk: "asc" }, { id: "asc" }], select: listSelect });
}

/** The names only, for the picker on a request's page. */
export async function replyTemplateChoices() {
  return db.replyTemplate.findMany({ orderBy: [{ nameUk: "asc" }, { id: "asc" }], select: { id: true, nameUk: true, nameEn: true } });
}

export async function getReplyTemplate({ id }: { id: string }) {
  return db.replyTemplate.findUnique({ where: { id }, select: listSelect });
}

/** A template as the admin's record keeps it: its names and texts. */
function snapshot(t: ReplyTemplateInput) {
  return { nameUk: t.nameUk, nameEn: t.nameEn, bodyUk: t.bodyUk, bodyEn: t.bodyEn };
}

export async function createReplyTemplate({ input, actorUserId }: { input: ReplyTemplateInput; actorUserId: string }) {
  return db.$transaction(async (tx) => {
    const created = await tx.replyTemplate.create({ data: input, select: { id: true } });
    await recordAdminChange(tx, {
      actorUserId,
      action: "template.create",
      subjectType: "template",
      subjectId: created.id,
      subjectLabel: input.nameUk,
      before: null,
      after: snapshot(input),
    });
    return created;
  });
}

/** Null when there is no such template (deleted meanwhile). */
export async function updateReplyTemplate({ id, input, actorUserId }: { id: string; input: ReplyTemplateInput; actorUserId: string }) {
  return db.$transaction(async (tx) => {
    const before = await tx.replyTemplate.findUnique({ where: { id }, select: listSelect });
    if (!before) return null;
    const updated = await tx.replyTemplate.update({ where: { id }, data: input, select: { id: true } });
    await recordAdminChange(tx, {
      actorUserId,
      action: "template.update",
      subjectType: "template",
      subjectId: id,
      subjectLabel: input.nameUk,
      before: snapshot(before),
      after: snapshot(input),
    });
    return updated;
  });
}

/** Text already inserted into messages stays as it was sent; false when there was nothing to delete. */
export async function deleteReplyTemplate({ id, actorUserId }: { id: string; actorUserId: string }) {
  return db.$transaction(async (tx) => {
    const before = await tx.replyTemplate.findUnique({ where: { id }, select: listSelect });
    if (!before) return false;
    await tx.replyTemplate.delete({ where: { id } });
    await recordAdminChange(tx, {
      actorUserId,
      action: "template.delete",
      subjectType: "template",
      subjectId: id,
      subjectLabel: before.nameUk,
      before: snapshot(before),
      after: null,
    });
    return true;
  });
}

/**
 * The template's text in `locale`, filled from the request `reference` as `viewer` may see it.
 * "notFound": no such request for this viewer (the page answers 404); "noTemplate": it was
 * deleted meanwhile (the picker says "choose").
 */
export async function fillReplyTemplate({
  reference,
  viewer,
  templateId,
  locale,
}: {
  reference: string;
  viewer: Viewer;
  templateId: string;
  locale: Locale;
}): Promise<{ ok: true; text: string } | { ok: false; reason: "notFound" | "noTemplate" }> {
  const [request, template] = await Promise.all([
    db.request.findFirst({ where: { reference, ...visibleTo(viewer) }, select: { reference: true, enterpriseName: true, nextDueAt: true } }),
    db.replyTemplate.findUnique({ where: { id: templateId }, select: { bodyUk: true, bodyEn: true } }),
  ]);
  if (!request) return { ok: false, reason: "notFound" };
  if (!template) return { ok: false, reason: "noTemplate" };
  return { ok: true, text: fillReply(locale === "uk" ? template.bodyUk : template.bodyEn, locale, request) };
}
