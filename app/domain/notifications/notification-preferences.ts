// Each person chooses, for each kind of e-mail they can get, how it reaches them: at once, in
// the daily digest (08:00 Kyiv), or not at all. Pure: the kinds, who gets which, the default.
// Enterprises and a cluster's contact address have no choices: they get every message at once
// (decision 028).
import type { Role } from "~/generated/prisma/client";
import { STAFF_NOTICE_KINDS } from "./notification-kinds";
import type { StaffNoticeKind } from "./notification-templates";

/** Every kind of e-mail to a person with an account is a choice of its own. */
export const NOTIFICATION_TOPICS = STAFF_NOTICE_KINDS;
export type NotificationTopic = StaffNoticeKind;

export const DELIVERIES = ["NOW", "DIGEST", "OFF"] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const DEFAULT_DELIVERY: Delivery = "NOW";

const EVERYONE = ["COORDINATOR", "ADMIN", "CLUSTER_MEMBER"] as const;
const COORDINATORS = ["COORDINATOR", "ADMIN"] as const;

/**
 * Which roles can get each kind (app/domain/notifications/notifications.server.ts decides who actually does);
 * the settings page offers a person only their role's kinds. A new kind of staff e-mail fails
 * the type check until it is listed here.
 */
const ROLES_OF_TOPIC = {
  // The owner, the cluster's members and whoever asked; admins when there is no coordinator.
  enterpriseReplied: EVERYONE,
  infoProvided: EVERYONE,
  enterpriseReopened: EVERYONE,
  assigned: ["CLUSTER_MEMBER"],
  // The coordinators; the admins when there is none.
  declined: COORDINATORS,
  notAcceptedInTime: COORDINATORS,
} as const satisfies Record<NotificationTopic, readonly Role[]>;

/** The kinds a role can get e-mail about, in the settings page's order. */
export function topicsFor(role: Role): NotificationTopic[] {
  return NOTIFICATION_TOPICS.filter((topic) => (ROLES_OF_TOPIC[topic] as readonly Role[]).includes(role));
}

/** The choice a kind of message is subject to: staff kinds only; everything else goes at once. */
export function topicOf(kind: string): NotificationTopic | null {
  return (NOTIFICATION_TOPICS as readonly string[]).includes(kind) ? (kind as NotificationTopic) : null;
}
