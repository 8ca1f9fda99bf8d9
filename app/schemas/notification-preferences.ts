// The notification settings form: for each kind of notification, how it reaches the person.
import { z } from "zod";
import { DELIVERIES, NOTIFICATION_TOPICS, type NotificationTopic } from "~/domain/notifications/notification-preferences";

const delivery = z.enum(DELIVERIES, { error: "choose" }).optional();

export const NotificationPreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_TOPICS.map((topic) => [topic, delivery])) as Record<NotificationTopic, typeof delivery>,
);
