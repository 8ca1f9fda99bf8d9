-- Unread marks (docs/decisions/025-unread-marks-and-canned-replies.md): enterprise activity each
-- person has not seen yet, one row per person and request, written when the enterprise acts and
-- deleted when the person opens the request.
CREATE TABLE "RequestUnread" (
    "userId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "requestId"),
    CONSTRAINT "RequestUnread_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RequestUnread_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
