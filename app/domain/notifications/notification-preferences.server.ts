// Reading and saving a person's own choices of how notifications reach them. The person always
// comes from the session: nobody reads or writes another's choices.
import type { Role } from "~/generated/prisma/client";
import { db } from "~/data/db.server";
import { DEFAULT_DELIVERY, type Delivery, type NotificationTopic, topicsFor } from "./notification-preferences";

type Person = { id: string; role: Role };

/** The person's choice for each kind their role can get ("at once" when never chosen). */
export async function getNotificationPreferences(person: Person): Promise<{ topic: NotificationTopic; delivery: Delivery }[]> {
  const saved = await db.notificationPreference.findMany({ where: { userId: person.id }, select: { topic: true, delivery: true } });
  const chosen = new Map(saved.map((p) => [p.topic, p.delivery]));
  return topicsFor(person.role).map((topic) => ({ topic, delivery: chosen.get(topic) ?? DEFAULT_DELIVERY }));
}

/** Saves the person's choices for their role's kinds, in one transaction; anything else in `choices` is ignored. */
export async function saveNotificationPreferences({ person, choices }: { person: Person; choices: Partial<Record<NotificationTopic, Delivery>> }) {
  const topics = topicsFor(person.role).filter((topic) => choices[topic] !== undefined);
  await db.$transaction(async (tx) => {
    for (const topic of topics) {
      const delivery = choices[topic]!;
      await tx.notificationPreference.upsert({
        where: { userId_topic: { userId: person.id, topic } },
        create: { userId: person.id, topic, delivery },
        update: { delivery },
      });
    }
  });
  return topics.length;
}
