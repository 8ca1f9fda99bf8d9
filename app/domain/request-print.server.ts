// One request as it goes on paper, for a partner, a ministry or a donor: the same people may
// print it as may open its page (getRequestForStaff's scope). Without `full`, the paper leaves
// out what should not leave the Centre: the text of internal notes and events, and defence
// orders' sensitive details. With `full`, it shows what the page shows (decision 027).
import { type Viewer, getRequestForStaff } from "./requests.server";

export async function getRequestForPrint({ reference, viewer, full }: { reference: string; viewer: Viewer; full: boolean }) {
  const request = await getRequestForStaff({ reference, viewer });
  if (!request) return null;
  const { actions: _actions, otherRequests: _other, possibleDuplicates: _dups, enterpriseChanges: _changes, sensitiveDetails, events, ...rest } = request;
  return {
    ...rest,
    full,
    sensitiveDetails: full ? sensitiveDetails : null,
    events: events.map((event) => (full || event.visibility === "PUBLIC" ? event : { ...event, message: null, changes: [] })),
  };
}
