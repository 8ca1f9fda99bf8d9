// Request lines (decision 055): one request, several needs, each with its own cluster. What the
// staff pages say about them, and what the enterprise's page says (the public half).
const uk = {
  "lines.title": "Рядки запиту",
  "lines.hint": "Кожна потреба запиту — окремий рядок зі своїм кластером і своїм станом.",
  "lines.line": "Рядок {n}",
  "lines.otherCluster": "інший кластер",
  "lines.noCluster": "кластер ще не обрано",
  "lines.split": "Виділити потребу в окремий рядок",
  "lines.splitHint": "Новий рядок чекатиме на свій кластер; решта рядків лишається як є.",
  "lines.summary": "Що потрібно",
  "lines.join": "Приєднати рядок до іншого",
  "lines.joinHint": "Приєднати можна рядок, що ще чекає на кластер, до рядка, який ще не виконано.",
  "lines.joined": "Рядок, що приєднується",
  "lines.into": "До рядка",
  "lines.forLine": "Рядок, якого стосується дія",
  "lines.yours": "Ваш рядок {n}: {state}",
  "action.splitLine": "Виділити рядок",
  "action.joinLines": "Приєднати рядок",
  "report.action.splitLine": "Виділено рядок",
  "report.action.joinLines": "Рядок приєднано",
  "refusal.LINE_REQUIRED": "Оберіть категорію нового рядка й опишіть, що потрібно.",
  "refusal.CANNOT_JOIN": "Приєднати можна лише рядок, що чекає на кластер, до іншого рядка, ще не виконаного.",
};

export const lineMessages: { uk: typeof uk; en: Record<keyof typeof uk, string> } = {
  uk,
  en: {
    "lines.title": "Lines of the request",
    "lines.hint": "Each need of the request is a line of its own, with its own cluster and its own state.",
    "lines.line": "Line {n}",
    "lines.otherCluster": "another cluster",
    "lines.noCluster": "no cluster chosen yet",
    "lines.split": "Split a need off into a line of its own",
    "lines.splitHint": "The new line waits for its cluster; the other lines stay as they are.",
    "lines.summary": "What is needed",
    "lines.join": "Join a line into another",
    "lines.joinHint": "A line still waiting for a cluster can be joined into a line not yet resolved.",
    "lines.joined": "Line to join",
    "lines.into": "Into line",
    "lines.forLine": "Line the action is for",
    "lines.yours": "Your line {n}: {state}",
    "action.splitLine": "Split off a line",
    "action.joinLines": "Join a line",
    "report.action.splitLine": "Line split off",
    "report.action.joinLines": "Line joined",
    "refusal.LINE_REQUIRED": "Choose the new line's category and say what is needed.",
    "refusal.CANNOT_JOIN": "Only a line waiting for a cluster can be joined, into another line not yet resolved.",
  },
};

const publicUk = {
  "status.lines": "Ваші потреби",
  "status.lineState.OPEN": "Шукаємо кластер",
  "status.lineState.ASSIGNED": "Передано кластеру",
  "status.lineState.IN_PROGRESS": "У роботі",
  "status.lineState.RESOLVED": "Виконано",
  "event.splitLine": "Потребу виділено в окремий рядок {line}",
  "event.joinLines": "Рядок {line} приєднано до рядка {into}",
};

export const publicLineMessages: { uk: typeof publicUk; en: Record<keyof typeof publicUk, string> } = {
  uk: publicUk,
  en: {
    "status.lines": "Your needs",
    "status.lineState.OPEN": "Finding a cluster",
    "status.lineState.ASSIGNED": "Handed to a cluster",
    "status.lineState.IN_PROGRESS": "In progress",
    "status.lineState.RESOLVED": "Done",
    "event.splitLine": "A need was split off into line {line}",
    "event.joinLines": "Line {line} was joined into line {into}",
  },
};
